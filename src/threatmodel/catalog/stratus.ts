/**
 * Ready-made leaves for the Stratus Red Team Kubernetes techniques (github.com/DataDog/stratus-red-team),
 * witnessed in the audit log (and at runtime where the technique runs a process). Left out:
 * `eks.lateral-movement.create-access-entry`, an AWS API call that only CloudTrail records, not the
 * Kubernetes audit log. Witnesses written by kstorm from the techniques' documented detonations.
 */
import type { ReadyLeaf } from './types.js';
import { audit, tetragon } from './witnesses.js';

const technique = (
  id: string,
  leafId: string,
  name: string,
  techniques: string[],
  description: string,
  witnesses: ReadyLeaf['witnesses'],
): ReadyLeaf => ({
  ref: `stratus/${id}`,
  id: leafId,
  name,
  description,
  techniques,
  witnesses,
});

export const STRATUS_LEAVES: readonly ReadyLeaf[] = [
  technique(
    'k8s.credential-access.dump-secrets',
    'dump-all-secrets',
    'Dump all secrets',
    ['T1552.007'],
    'Lists the secrets of every namespace at once (GET /api/v1/secrets), which no workload needs.',
    [
      audit(
        "[x-k8s-api-request:verb = 'list' AND x-k8s-api-request:object_ref.resource = 'secrets' AND NOT EXISTS x-k8s-api-request:object_ref.namespace AND x-k8s-api-request:response_code = 200]",
        'a cluster-wide list of secrets that succeeded',
      ),
    ],
  ),
  technique(
    'k8s.credential-access.steal-serviceaccount-token',
    'steal-serviceaccount-token',
    'Steal a pod service-account token',
    ['T1528', 'T1552.001'],
    'Execs into a pod and reads its mounted service-account token.',
    [
      audit(
        "[x-k8s-api-request:verb IN ('create', 'get') AND x-k8s-api-request:object_ref.resource = 'pods' AND x-k8s-api-request:object_ref.subresource = 'exec' AND x-k8s-api-request:request_uri LIKE '%serviceaccount%token%']",
        'an exec whose command names the token file',
      ),
      tetragon(
        "[x-kstorm-event:hook = 'security_file_permission' AND x-kstorm-event:file_refs[*].name = 'token' AND x-kstorm-event:file_refs[*].parent_directory_ref.path LIKE '%/secrets/kubernetes.io/serviceaccount%' AND x-kstorm-event:process_ref.image_ref.name = 'cat']",
      ),
    ],
  ),
  technique(
    'k8s.persistence.create-admin-clusterrole',
    'create-admin-clusterrole',
    'Create an admin ClusterRole',
    ['T1098.006'],
    'Creates a ClusterRole granting every verb on every resource, then binds it to a service account.',
    [
      audit(
        "[x-k8s-api-request:verb IN ('create', 'update', 'patch') AND x-k8s-api-request:object_ref.resource = 'clusterroles' AND x-k8s-api-request:request_object.verbs[*] = '*' AND x-k8s-api-request:request_object.resources[*] = '*']",
      ),
    ],
  ),
  technique(
    'k8s.persistence.create-client-certificate',
    'create-client-certificate',
    'Create a client certificate credential',
    ['T1098', 'T1550.001'],
    'Requests a client certificate through a CertificateSigningRequest and approves it: a credential that outlives token revocation.',
    [
      audit(
        "[x-k8s-api-request:verb IN ('update', 'patch') AND x-k8s-api-request:object_ref.resource = 'certificatesigningrequests' AND x-k8s-api-request:object_ref.subresource = 'approval']",
      ),
    ],
  ),
  technique(
    'k8s.persistence.create-token',
    'create-long-lived-token',
    'Create a long-lived token',
    ['T1528', 'T1098'],
    'Asks the TokenRequest API for a service-account token with a long lifetime.',
    [
      audit(
        "[x-k8s-api-request:verb = 'create' AND x-k8s-api-request:object_ref.resource = 'serviceaccounts' AND x-k8s-api-request:object_ref.subresource = 'token' AND x-k8s-api-request:user_ref.user_id NOT LIKE 'system:%']",
        // Kubelets (system:node:*) and controllers ask for tokens all day; a person asking is the signal.
        'a person (not a kubelet, controller or service account) asks for a token',
      ),
    ],
  ),
  technique(
    'k8s.privilege-escalation.hostpath-volume',
    'hostpath-root-pod',
    'Container breakout via a hostPath volume',
    ['T1611'],
    "Creates a pod with the node's root filesystem mounted and reads host files through it.",
    [
      audit(
        "[x-k8s-api-request:verb = 'create' AND x-k8s-api-request:object_ref.resource = 'pods' AND x-k8s-api-request:request_object.host_path_volumes[*] = '/']",
        "a pod mounting the node's /",
      ),
    ],
  ),
  technique(
    'k8s.privilege-escalation.nodes-proxy',
    'nodes-proxy',
    'Privilege escalation through nodes/proxy',
    ['T1068', 'T1609'],
    'Uses nodes/proxy to reach the kubelet API through the API server, which runs commands in any pod of the node unaudited.',
    [
      audit(
        "[x-k8s-api-request:object_ref.resource = 'nodes' AND x-k8s-api-request:object_ref.subresource = 'proxy']",
      ),
    ],
  ),
  technique(
    'k8s.privilege-escalation.privileged-pod',
    'privileged-pod',
    'Run a privileged pod',
    ['T1610', 'T1611'],
    'Creates a pod with a privileged container.',
    [
      audit(
        "[x-k8s-api-request:verb = 'create' AND x-k8s-api-request:object_ref.resource = 'pods' AND x-k8s-api-request:request_object.containers[*].privileged = true]",
      ),
    ],
  ),
  technique(
    'eks.persistence.backdoor-aws-auth-configmap',
    'backdoor-aws-auth',
    'Backdoor the aws-auth ConfigMap',
    ['T1098'],
    'Adds a role to the EKS aws-auth ConfigMap, granting it cluster access.',
    [
      audit(
        "[x-k8s-api-request:verb IN ('update', 'patch') AND x-k8s-api-request:object_ref.resource = 'configmaps' AND x-k8s-api-request:object_ref.namespace = 'kube-system' AND x-k8s-api-request:object_ref.name = 'aws-auth']",
      ),
    ],
  ),
];
