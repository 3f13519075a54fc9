/**
 * Ready-made leaves for the Microsoft Threat Matrix for Kubernetes ("Threat Matrix for Kubernetes,
 * Microsoft", CC-BY-4.0): every technique an audit log or a runtime sensor can witness, at the API level
 * and on the node where both can. Witnesses and descriptions written by kstorm.
 *
 * Left out, because no single event from these sensors shows them:
 * - MS-TA9001 Using cloud credentials: a cloud-IAM sign-in, seen by the cloud provider's logs, not here.
 * - MS-TA9002 Compromised image in registry: a supply-chain fact about an image, not an action in the cluster.
 * - MS-TA9024 Connect from proxy server: needs IP reputation data (a correlation, not a witness).
 * - MS-TA9040 Denial of service: a rate, not an event; flooding cannot be told from load one event at a time.
 */
import type { ReadyLeaf } from './types.js';
import { audit, exec, falco, kubescape, tetragon } from './witnesses.js';

const REQ = 'x-k8s-api-request';
const NOT_SYSTEM = `${REQ}:user_ref.user_id NOT LIKE 'system:%'`;
const SHELLS = "('sh', 'bash', 'dash', 'ash', 'zsh')";

const leaf = (
  id: string,
  leafId: string,
  techniques: string[],
  description: string,
  witnesses: ReadyLeaf['witnesses'],
): ReadyLeaf => ({
  ref: `tmfk/${id}`,
  id: leafId,
  name: NAMES[id] ?? id,
  description,
  techniques: [id, ...techniques],
  witnesses,
});

const NAMES: Record<string, string> = {
  'MS-TA9003': 'Kubeconfig file',
  'MS-TA9004': 'Application vulnerability',
  'MS-TA9005': 'Exposed sensitive interfaces',
  'MS-TA9006': 'Exec into container',
  'MS-TA9007': 'Bash or cmd inside container',
  'MS-TA9008': 'New container',
  'MS-TA9009': 'Application exploit (RCE)',
  'MS-TA9010': 'SSH server running inside container',
  'MS-TA9011': 'Sidecar injection',
  'MS-TA9012': 'Backdoor container',
  'MS-TA9013': 'Writable hostPath mount',
  'MS-TA9014': 'Kubernetes CronJob',
  'MS-TA9015': 'Malicious admission controller',
  'MS-TA9016': 'Container service account',
  'MS-TA9017': 'Static pods',
  'MS-TA9018': 'Privileged container',
  'MS-TA9019': 'Cluster-admin binding',
  'MS-TA9020': 'Access cloud resources',
  'MS-TA9021': 'Clear container logs',
  'MS-TA9022': 'Delete Kubernetes events',
  'MS-TA9023': 'Pod or container name similarity',
  'MS-TA9025': 'List Kubernetes secrets',
  'MS-TA9026': 'Mount service principal',
  'MS-TA9027': 'Application credentials in configuration files',
  'MS-TA9028': 'Access Managed Identity credentials',
  'MS-TA9029': 'Access Kubernetes API server',
  'MS-TA9030': 'Access Kubelet API',
  'MS-TA9031': 'Network mapping',
  'MS-TA9033': 'Instance Metadata API',
  'MS-TA9034': 'Cluster internal networking',
  'MS-TA9035': 'CoreDNS poisoning',
  'MS-TA9036': 'ARP poisoning and IP spoofing',
  'MS-TA9037': 'Images from a private registry',
  'MS-TA9038': 'Data destruction',
  'MS-TA9039': 'Resource hijacking',
  'MS-TA9041': 'Collecting data from pod',
};

const WORKLOADS = "('pods', 'deployments', 'daemonsets', 'statefulsets', 'replicasets', 'jobs', 'cronjobs')";

export const TMFK_LEAVES: readonly ReadyLeaf[] = [
  leaf(
    'MS-TA9003',
    'kubeconfig-file',
    [],
    'A process in a pod reads a kubeconfig or the control plane admin.conf to use its credentials.',
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name IN ('admin.conf', 'kubeconfig', 'config') AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '%/kube%']",
      ),
    ],
  ),
  leaf(
    'MS-TA9004',
    'application-vulnerability',
    ['T1190'],
    'A web server or application runtime starts a shell: its code was made to run commands.',
    [
      exec(
        `x-kstorm-event:process_ref.image_ref.name IN ${SHELLS} AND x-kstorm-event:process_ref.parent_ref.image_ref.name IN ('nginx', 'httpd', 'apache2', 'node', 'php-fpm', 'java', 'python', 'python3', 'gunicorn', 'uwsgi', 'flask')`,
      ),
      falco('Run shell untrusted'),
    ],
  ),
  leaf(
    'MS-TA9005',
    'exposed-sensitive-interface',
    ['T1133'],
    'An anonymous request to the API server succeeds: an interface is exposed without authentication.',
    [
      audit(
        `[${REQ}:user_ref.user_id = 'system:anonymous' AND ${REQ}:response_code < 400 AND ${REQ}:request_uri NOT IN ('/healthz', '/livez', '/readyz', '/version')]`,
      ),
    ],
  ),
  leaf(
    'MS-TA9006',
    'exec-into-container',
    ['T1609'],
    'Someone runs a command in a running container through the API (kubectl exec).',
    [
      audit(
        `[${REQ}:object_ref.resource = 'pods' AND ${REQ}:object_ref.subresource = 'exec' AND ${REQ}:verb IN ('create', 'get')]`,
      ),
      kubescape('R2000'),
    ],
  ),
  leaf(
    'MS-TA9007',
    'shell-inside-container',
    ['T1059', 'T1059.004'],
    'An interactive shell runs inside a container.',
    [falco('Terminal shell in container'), kubescape('R0001')],
  ),
  leaf('MS-TA9008', 'new-container', ['T1610'], 'A person (not a controller) creates a pod or workload.', [
    audit(
      `[${REQ}:verb = 'create' AND ${REQ}:object_ref.resource IN ${WORKLOADS} AND ${REQ}:response_code = 201 AND ${NOT_SYSTEM}]`,
    ),
  ]),
  leaf(
    'MS-TA9009',
    'application-exploit-rce',
    ['T1190'],
    'An application process starts a download or network tool it never runs in normal operation.',
    [
      exec(
        "x-kstorm-event:process_ref.image_ref.name IN ('curl', 'wget', 'nc', 'ncat', 'socat') AND x-kstorm-event:process_ref.parent_ref.image_ref.name IN ('nginx', 'httpd', 'apache2', 'node', 'php-fpm', 'java', 'python', 'python3', 'gunicorn', 'uwsgi', 'flask')",
      ),
      kubescape('R1000'),
    ],
  ),
  leaf(
    'MS-TA9010',
    'ssh-server-in-container',
    [],
    'An SSH server runs inside a container: a way in that bypasses the API.',
    [exec("x-kstorm-event:process_ref.image_ref.name = 'sshd'"), kubescape('R1003')],
  ),
  leaf(
    'MS-TA9011',
    'sidecar-injection',
    ['T1610'],
    "A person patches a workload's pod template, which is how a malicious sidecar is added.",
    [
      audit(
        `[${REQ}:verb IN ('patch', 'update') AND ${REQ}:object_ref.resource IN ('deployments', 'daemonsets', 'statefulsets', 'replicasets') AND EXISTS ${REQ}:request_object.containers AND ${NOT_SYSTEM}]`,
      ),
    ],
  ),
  leaf(
    'MS-TA9012',
    'backdoor-container',
    ['T1543'],
    'A person creates a DaemonSet: a container on every node that restarts when killed.',
    [audit(`[${REQ}:verb = 'create' AND ${REQ}:object_ref.resource = 'daemonsets' AND ${NOT_SYSTEM}]`)],
  ),
  leaf(
    'MS-TA9013',
    'writable-hostpath-mount',
    ['T1611'],
    'A pod or workload is created with a hostPath volume: the host filesystem inside a container.',
    [
      audit(
        `[${REQ}:verb IN ('create', 'update', 'patch') AND ${REQ}:object_ref.resource IN ${WORKLOADS} AND ${REQ}:request_object.host_path_volumes[*] LIKE '/%']`,
      ),
      falco('Create Sensitive Mount Pod', 'k8s_audit'),
    ],
  ),
  leaf(
    'MS-TA9014',
    'kubernetes-cronjob',
    ['T1053.007'],
    'A CronJob is created: code the cluster runs again and again.',
    [audit(`[${REQ}:verb = 'create' AND ${REQ}:object_ref.resource = 'cronjobs' AND ${NOT_SYSTEM}]`)],
  ),
  leaf(
    'MS-TA9015',
    'malicious-admission-controller',
    ['T1546'],
    'A mutating or validating webhook is registered: every matching API request is sent to it.',
    [
      audit(
        `[${REQ}:verb IN ('create', 'update', 'patch') AND ${REQ}:object_ref.resource IN ('mutatingwebhookconfigurations', 'validatingwebhookconfigurations')]`,
      ),
    ],
  ),
  leaf(
    'MS-TA9016',
    'container-service-account',
    ['T1528'],
    "A process reads the pod's mounted service-account token.",
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name = 'token' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '%/secrets/kubernetes.io/serviceaccount%' AND x-kstorm-event:process_ref.image_ref.name IN ('cat', 'head', 'tail', 'less', 'more', 'base64', 'cp')]",
      ),
      kubescape('R0006'),
    ],
  ),
  leaf(
    'MS-TA9017',
    'static-pods',
    [],
    "A file is written to the kubelet's static-pod folder: the kubelet runs it without the API server.",
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:arguments[*] = 'int:2' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '%/etc/kubernetes/manifests']",
      ),
    ],
  ),
  leaf(
    'MS-TA9018',
    'privileged-container',
    ['T1610'],
    'A pod or workload with a privileged container is created.',
    [
      audit(
        `[${REQ}:verb IN ('create', 'update', 'patch') AND ${REQ}:object_ref.resource IN ${WORKLOADS} AND ${REQ}:request_object.containers[*].privileged = true]`,
      ),
      falco('Launch Privileged Container'),
    ],
  ),
  leaf('MS-TA9019', 'cluster-admin-binding', ['T1078.003'], 'A role binding grants cluster-admin.', [
    audit(
      `[${REQ}:verb IN ('create', 'update', 'patch') AND ${REQ}:object_ref.resource IN ('clusterrolebindings', 'rolebindings') AND ${REQ}:request_object.role.name = 'cluster-admin']`,
    ),
    falco('Attach to cluster-admin Role', 'k8s_audit'),
  ]),
  leaf(
    'MS-TA9020',
    'access-cloud-resources',
    ['T1078.004'],
    'A cloud provider CLI runs inside a pod, using the node or pod cloud identity.',
    [exec("x-kstorm-event:process_ref.image_ref.name IN ('aws', 'az', 'gcloud', 'gsutil')")],
  ),
  leaf(
    'MS-TA9021',
    'clear-container-logs',
    ['T1070', 'T1070.002'],
    'Log files are truncated or deleted to hide activity.',
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_path_truncate' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '/var/log%']",
      ),
      falco('Clear Log Activities'),
    ],
  ),
  leaf(
    'MS-TA9022',
    'delete-kubernetes-events',
    ['T1070'],
    'Kubernetes events are deleted to hide activity.',
    [
      audit(
        `[${REQ}:verb IN ('delete', 'deletecollection') AND ${REQ}:object_ref.resource = 'events' AND ${NOT_SYSTEM}]`,
      ),
    ],
  ),
  leaf(
    'MS-TA9023',
    'pod-name-similarity',
    ['T1036.005'],
    'A person creates a pod in kube-system, where it hides among system pods.',
    [
      audit(
        `[${REQ}:verb = 'create' AND ${REQ}:object_ref.resource = 'pods' AND ${REQ}:object_ref.namespace = 'kube-system' AND ${NOT_SYSTEM}]`,
      ),
      falco('Pod Created in Kube Namespace', 'k8s_audit'),
    ],
  ),
  leaf(
    'MS-TA9025',
    'list-kubernetes-secrets',
    ['T1552.007'],
    'Secrets are listed or watched: every secret of the namespace in one answer.',
    [
      audit(
        `[${REQ}:verb IN ('list', 'watch') AND ${REQ}:object_ref.resource = 'secrets' AND ${REQ}:response_code = 200 AND ${NOT_SYSTEM}]`,
      ),
    ],
  ),
  leaf(
    'MS-TA9026',
    'mount-service-principal',
    ['T1552.001'],
    'The cloud service-principal file of the node (azure.json) is read from a container.',
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name = 'azure.json' AND x-kstorm-event:arguments[*] = 'int:4']",
      ),
    ],
  ),
  leaf(
    'MS-TA9027',
    'application-credentials-in-files',
    ['T1552'],
    "Credentials are searched for in files or read from another process's environment.",
    [falco('Search Private Keys or Passwords'), kubescape('R0008')],
  ),
  leaf(
    'MS-TA9028',
    'access-managed-identity',
    ['T1552.005'],
    'A pod asks the instance metadata service for a managed-identity or IAM-role token.',
    [
      exec(
        "x-kstorm-event:process_ref.command_line MATCHES '169\\\\.254\\\\.169\\\\.254/(metadata/identity/oauth2/token|latest/meta-data/iam/security-credentials|computeMetadata/v1/instance/service-accounts)'",
      ),
    ],
  ),
  leaf(
    'MS-TA9029',
    'access-kubernetes-api',
    ['T1613'],
    'A workload asks the API server what it is allowed to do, or discovers resources it never uses.',
    [
      audit(
        `[${REQ}:verb = 'create' AND ${REQ}:object_ref.resource IN ('selfsubjectaccessreviews', 'selfsubjectrulesreviews') AND ${REQ}:user_ref.is_service_account = true]`,
      ),
      kubescape('R0007'),
      falco('Contact K8S API Server From Container'),
    ],
  ),
  leaf('MS-TA9030', 'access-kubelet-api', ['T1613'], "A pod connects to a kubelet's API port (10250).", [
    tetragon(
      "[x-kstorm-event:hook = 'tcp_connect' AND x-kstorm-event:network_refs[*].dst_port = 10250 AND EXISTS x-kstorm-event:pod_ref]",
    ),
  ]),
  leaf('MS-TA9031', 'network-mapping', ['T1046'], 'A network scanner runs in a pod.', [
    exec("x-kstorm-event:process_ref.image_ref.name IN ('nmap', 'masscan', 'zmap', 'rustscan', 'naabu')"),
    falco('Launch Suspicious Network Tool in Container'),
  ]),
  leaf(
    'MS-TA9033',
    'instance-metadata-api',
    ['T1552.005'],
    'A pod connects to the cloud instance metadata service.',
    [
      tetragon(
        "[x-kstorm-event:hook = 'tcp_connect' AND x-kstorm-event:network_refs[*].dst_ref.value = '169.254.169.254' AND EXISTS x-kstorm-event:pod_ref]",
      ),
      falco('Contact cloud metadata service from container'),
    ],
  ),
  leaf(
    'MS-TA9034',
    'cluster-internal-networking',
    ['T1210'],
    'A workload talks to destinations its learned profile never contacted.',
    [kubescape('R0011')],
  ),
  leaf('MS-TA9035', 'coredns-poisoning', ['T1557'], 'The CoreDNS configuration is changed.', [
    audit(
      `[${REQ}:verb IN ('update', 'patch') AND ${REQ}:object_ref.resource = 'configmaps' AND ${REQ}:object_ref.namespace = 'kube-system' AND ${REQ}:object_ref.name = 'coredns']`,
    ),
  ]),
  leaf(
    'MS-TA9036',
    'arp-poisoning',
    ['T1557'],
    'A container opens a packet socket, which ARP spoofing needs (CAP_NET_RAW).',
    [falco('Packet socket created in container')],
  ),
  leaf(
    'MS-TA9037',
    'private-registry-images',
    ['T1530'],
    'Registry credentials (a Docker config) are read inside a container.',
    [
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name IN ('config.json', '.dockerconfigjson') AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '%docker%']",
      ),
    ],
  ),
  leaf(
    'MS-TA9038',
    'data-destruction',
    ['T1485'],
    'A person deletes namespaces, workloads or volumes, or wipes data in bulk.',
    [
      audit(
        `[${REQ}:verb IN ('delete', 'deletecollection') AND ${REQ}:object_ref.resource IN ('namespaces', 'persistentvolumeclaims', 'persistentvolumes', 'deployments', 'statefulsets') AND ${NOT_SYSTEM}]`,
      ),
      falco('Remove Bulk Data from Disk'),
    ],
  ),
  leaf('MS-TA9039', 'resource-hijacking', ['T1496'], 'A cryptominer runs, or a pod talks to a mining pool.', [
    exec(
      "x-kstorm-event:process_ref.image_ref.name IN ('xmrig', 'xmr-stak', 'minerd', 'cpuminer', 'ethminer', 't-rex', 'nbminer')",
    ),
    tetragon(
      "[x-kstorm-event:hook = 'tcp_connect' AND x-kstorm-event:network_refs[*].dst_port IN (3333, 4444, 5555, 7777, 14444, 45700)]",
      'common Stratum mining-pool ports',
    ),
    kubescape('R1007'),
  ]),
  leaf(
    'MS-TA9041',
    'collect-data-from-pod',
    [],
    'Files are copied out of a pod (kubectl cp runs tar through exec).',
    [
      audit(
        `[${REQ}:object_ref.resource = 'pods' AND ${REQ}:object_ref.subresource = 'exec' AND ${REQ}:request_uri LIKE '%command=tar%']`,
      ),
    ],
  ),
];
