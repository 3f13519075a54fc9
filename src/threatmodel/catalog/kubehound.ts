/**
 * Ready-made leaves for KubeHound attack-graph edges (github.com/DataDog/KubeHound), as k8sstormcenter
 * calibrated them: container escapes and API edges, witnessed by the hooks their calibration
 * TracingPolicies armed, the audit log, and stock Falco / Kubescape rules. Witnesses written by kstorm.
 */
import type { ReadyLeaf } from './types.js';
import { audit, exec, falco, kubescape, syscall, tetragon } from './witnesses.js';

const edge = (
  name: string,
  id: string,
  title: string,
  techniques: string[],
  description: string,
  witnesses: ReadyLeaf['witnesses'],
): ReadyLeaf => ({
  ref: `kubehound/${name}`,
  id,
  name: title,
  description,
  techniques,
  witnesses,
});

export const KUBEHOUND_LEAVES: readonly ReadyLeaf[] = [
  edge(
    'CE_NSENTER',
    'ce-nsenter',
    'Container escape: nsenter into the host',
    ['T1611'],
    "A privileged container with the host PID namespace enters PID 1's namespaces with nsenter and gets a host shell.",
    [
      tetragon(`[${syscall('setns')} AND x-kstorm-event:process_ref.image_ref.name = 'nsenter']`),
      falco('Change thread namespace'),
    ],
  ),
  edge(
    'CE_PRIV_MOUNT',
    'ce-priv-mount',
    'Container escape: mount from a privileged container',
    ['T1611'],
    'A privileged container mounts a filesystem (the host disk, proc) to reach host files.',
    [
      tetragon(`[${syscall('mount')} AND EXISTS x-kstorm-event:pod_ref]`),
      falco('Mount Launched in Privileged Container'),
    ],
  ),
  edge(
    'CE_SYS_PTRACE',
    'ce-sys-ptrace',
    'Container escape: ptrace a host process',
    ['T1611'],
    'With the host PID namespace and CAP_SYS_PTRACE, a container attaches to a host process and injects code.',
    [
      tetragon(
        `[${syscall('ptrace')} AND x-kstorm-event:arguments[0] IN ('int:16', 'int:16902')]`,
        'PTRACE_ATTACH (16) or PTRACE_SEIZE (16902)',
      ),
      kubescape('R1015'),
    ],
  ),
  edge(
    'CE_MODULE_LOAD',
    'ce-module-load',
    'Container escape: load a kernel module',
    ['T1611', 'T1547.006'],
    'A container with CAP_SYS_MODULE loads a kernel module, running code in the host kernel.',
    [tetragon(`[${syscall('finit_module')}]`), tetragon(`[${syscall('init_module')}]`), kubescape('R1002')],
  ),
  edge(
    'CE_UMH_CORE_PATTERN',
    'ce-umh-core-pattern',
    'Container escape: overwrite core_pattern',
    ['T1611'],
    "A container that can write the host's /proc/sys/kernel/core_pattern makes the kernel run its program as root on the next crash.",
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name = 'core_pattern' AND x-kstorm-event:arguments[*] = 'int:2']",
        'core_pattern opened for writing (MAY_WRITE)',
      ),
    ],
  ),
  edge(
    'CE_VAR_LOG_SYMLINK',
    'ce-var-log-symlink',
    'Container escape: symlink in the host /var/log',
    ['T1611'],
    'A pod with the host /var/log mounted plants a symlink there; the kubelet follows it when serving kubectl logs and leaks any host file.',
    [tetragon(`[${syscall('symlinkat')} AND x-kstorm-event:arguments[*] LIKE 'string:%/var/log/%']`)],
  ),
  edge(
    'EXPLOIT_CONTAINERD_SOCK',
    'exploit-containerd-sock',
    'Escape through the mounted containerd socket',
    ['T1610', 'T1611'],
    'A pod with the host containerd socket mounted drives the runtime (crictl, ctr) to run commands in other containers.',
    [
      exec("x-kstorm-event:process_ref.image_ref.name IN ('crictl', 'ctr', 'nerdctl')"),
      tetragon(
        "[x-kstorm-event:hook = 'security_socket_connect' AND x-kstorm-event:file_refs[*].name = 'containerd.sock']",
      ),
    ],
  ),
  edge(
    'EXPLOIT_HOST_READ',
    'exploit-host-read',
    'Read host files through a hostPath mount',
    ['T1611', 'MS-TA9013'],
    "A pod reads host secrets (shadow, kubelet credentials, other pods' tokens) through a hostPath volume.",
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:arguments[*] = 'int:4' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '/host%']",
        'a read under a /host… mount',
      ),
      falco('Read sensitive file untrusted'),
    ],
  ),
  edge(
    'EXPLOIT_HOST_TRAVERSE',
    'exploit-host-traverse',
    'Traverse the kubelet pods folder for tokens',
    ['T1528', 'T1552.001'],
    "A pod with /var/lib/kubelet/pods mounted walks it to read other pods' projected service-account tokens.",
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name = 'token' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '%/volumes/kubernetes.io~projected/%']",
      ),
    ],
  ),
  edge(
    'EXPLOIT_HOST_WRITE',
    'exploit-host-write',
    'Write host files through a hostPath mount',
    ['T1611', 'MS-TA9013'],
    'A pod writes to the host through a hostPath volume: a cron job, an SSH key, a static pod manifest.',
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:arguments[*] = 'int:2' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '/host%']",
        'a write under a /host… mount',
      ),
    ],
  ),
  edge(
    'IDENTITY_ASSUME',
    'identity-assume',
    "Assume the pod's service-account identity",
    ['T1528', 'T1078.001'],
    'A process reads the mounted service-account token and calls the API server with it.',
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name = 'token' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '%/secrets/kubernetes.io/serviceaccount%' AND x-kstorm-event:process_ref.image_ref.name IN ('cat', 'curl', 'wget', 'python3', 'python', 'kubectl')]",
      ),
      kubescape('R0006'),
    ],
  ),
  edge(
    'POD_CREATE',
    'pod-create',
    'Create a pod',
    ['T1610'],
    'An identity that may create pods starts one of its choosing (often privileged, with the host filesystem mounted).',
    [
      audit(
        "[x-k8s-api-request:verb = 'create' AND x-k8s-api-request:object_ref.resource = 'pods' AND x-k8s-api-request:response_code = 201 AND x-k8s-api-request:user_ref.is_service_account = true]",
        'a service account creates a pod',
      ),
    ],
  ),
  edge(
    'POD_EXEC',
    'pod-exec',
    'Exec into a pod',
    ['T1609'],
    'An identity that may create pods/exec runs commands inside a running container.',
    [
      audit(
        "[x-k8s-api-request:verb IN ('create', 'get') AND x-k8s-api-request:object_ref.resource = 'pods' AND x-k8s-api-request:object_ref.subresource = 'exec']",
      ),
      kubescape('R2000'),
    ],
  ),
  edge(
    'ROLE_BIND',
    'role-bind',
    'Bind a role to a service account',
    ['T1098.006', 'MS-TA9019'],
    'An identity that may create role bindings grants a service account a powerful role.',
    [
      audit(
        "[x-k8s-api-request:verb = 'create' AND x-k8s-api-request:object_ref.resource IN ('rolebindings', 'clusterrolebindings') AND x-k8s-api-request:request_object.subjects[*].kind = 'ServiceAccount']",
      ),
    ],
  ),
  edge(
    'SHARE_PS_NAMESPACE',
    'share-ps-namespace',
    'Read a neighbour through a shared process namespace',
    ['T1552.001'],
    "Containers sharing the pod's process namespace read each other's environment and files through /proc/<pid>/root and /proc/<pid>/environ.",
    [
      tetragon(
        `[${syscall('openat')} AND x-kstorm-event:arguments[*] MATCHES '^string:/proc/[0-9]+/(environ|root/)']`,
      ),
      kubescape('R0008'),
    ],
  ),
  edge(
    'TOKEN_LIST',
    'token-list',
    'List secrets to harvest tokens',
    ['T1552.007', 'MS-TA9025'],
    'An identity that may list secrets harvests service-account tokens stored in them.',
    [
      audit(
        "[x-k8s-api-request:verb IN ('list', 'watch') AND x-k8s-api-request:object_ref.resource = 'secrets']",
      ),
    ],
  ),
];
