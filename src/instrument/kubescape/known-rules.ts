/**
 * The Kubescape node-agent runtime rules kstorm can bind, by id and name (facts): the `Rules` resource
 * the k8sstormcenter honeycluster runs (k8sstormcenter/bob `kubescape/default-rules.yaml` at 110275b4269c).
 * Names have changed between Kubescape releases while ids stayed, so bindings name both.
 */
export const KUBESCAPE_RULES: ReadonlyMap<string, string> = new Map([
  ['R0001', 'Unexpected process launched'],
  ['R0002', 'Files Access Anomalies in container'],
  ['R0003', 'Syscalls Anomalies in container'],
  ['R0004', 'Linux Capabilities Anomalies in container'],
  ['R0005', 'DNS Anomalies in container'],
  ['R0006', 'Unexpected service account token access'],
  ['R0007', 'Workload uses Kubernetes API unexpectedly'],
  ['R0008', 'Read Environment Variables from procfs'],
  ['R0009', 'eBPF Program Load'],
  ['R0010', 'Unexpected Sensitive File Access'],
  ['R0011', 'Unexpected Egress Network Traffic'],
  ['R0012', 'Unexpected Ingress Network Traffic'],
  ['R0040', 'Unexpected process arguments'],
  ['R1000', 'Process executed from malicious source'],
  ['R1001', 'Drifted process executed'],
  ['R1002', 'Process tries to load a kernel module'],
  ['R1003', 'Disallowed ssh connection'],
  ['R1004', 'Process executed from mount'],
  ['R1005', 'Fileless execution detected'],
  ['R1006', 'Process tries to escape container'],
  ['R1007', 'Crypto miner launched'],
  ['R1008', 'Crypto Mining Domain Communication'],
  ['R1009', 'Crypto Mining Related Port Communication'],
  ['R1010', 'Soft link created over sensitive file'],
  ['R1011', 'ld_preload hooks technique detected'],
  ['R1012', 'Hard link created over sensitive file'],
  ['R1015', 'Malicious Ptrace Usage'],
  ['R1016', 'Signed profile tampered'],
  ['R1030', 'Unexpected io_uring Operation Detected'],
  ['R1031', 'Kubelet TLS Exec Request Detected'],
  ['R2000', 'Exec to pod'],
]);
