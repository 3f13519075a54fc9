/**
 * The official STIX 2.1 JSON schemas (OASIS, BSD-3-Clause: see LICENSE and NOTICE beside this file),
 * imported as data so the validator needs no file access. A test keeps this list equal to the folder.
 */
import common_binary from './common/binary.json' with { type: 'json' };
import common_bundle from './common/bundle.json' with { type: 'json' };
import common_core from './common/core.json' with { type: 'json' };
import common_cyber_observable_core from './common/cyber-observable-core.json' with { type: 'json' };
import common_dictionary from './common/dictionary.json' with { type: 'json' };
import common_extension_definition from './common/extension-definition.json' with { type: 'json' };
import common_extension from './common/extension.json' with { type: 'json' };
import common_external_reference from './common/external-reference.json' with { type: 'json' };
import common_granular_marking from './common/granular-marking.json' with { type: 'json' };
import common_hashes_type from './common/hashes-type.json' with { type: 'json' };
import common_hex from './common/hex.json' with { type: 'json' };
import common_identifier from './common/identifier.json' with { type: 'json' };
import common_kill_chain_phase from './common/kill-chain-phase.json' with { type: 'json' };
import common_language_content from './common/language-content.json' with { type: 'json' };
import common_marking_definition from './common/marking-definition.json' with { type: 'json' };
import common_properties from './common/properties.json' with { type: 'json' };
import common_timestamp from './common/timestamp.json' with { type: 'json' };
import common_url_regex from './common/url-regex.json' with { type: 'json' };
import observables_artifact from './observables/artifact.json' with { type: 'json' };
import observables_autonomous_system from './observables/autonomous-system.json' with { type: 'json' };
import observables_directory from './observables/directory.json' with { type: 'json' };
import observables_domain_name from './observables/domain-name.json' with { type: 'json' };
import observables_email_addr from './observables/email-addr.json' with { type: 'json' };
import observables_email_message from './observables/email-message.json' with { type: 'json' };
import observables_file from './observables/file.json' with { type: 'json' };
import observables_ipv4_addr from './observables/ipv4-addr.json' with { type: 'json' };
import observables_ipv6_addr from './observables/ipv6-addr.json' with { type: 'json' };
import observables_mac_addr from './observables/mac-addr.json' with { type: 'json' };
import observables_mutex from './observables/mutex.json' with { type: 'json' };
import observables_network_traffic from './observables/network-traffic.json' with { type: 'json' };
import observables_process from './observables/process.json' with { type: 'json' };
import observables_software from './observables/software.json' with { type: 'json' };
import observables_url from './observables/url.json' with { type: 'json' };
import observables_user_account from './observables/user-account.json' with { type: 'json' };
import observables_windows_registry_key from './observables/windows-registry-key.json' with { type: 'json' };
import observables_x509_certificate from './observables/x509-certificate.json' with { type: 'json' };
import sdos_attack_pattern from './sdos/attack-pattern.json' with { type: 'json' };
import sdos_campaign from './sdos/campaign.json' with { type: 'json' };
import sdos_course_of_action from './sdos/course-of-action.json' with { type: 'json' };
import sdos_grouping from './sdos/grouping.json' with { type: 'json' };
import sdos_identity from './sdos/identity.json' with { type: 'json' };
import sdos_incident from './sdos/incident.json' with { type: 'json' };
import sdos_indicator from './sdos/indicator.json' with { type: 'json' };
import sdos_infrastructure from './sdos/infrastructure.json' with { type: 'json' };
import sdos_intrusion_set from './sdos/intrusion-set.json' with { type: 'json' };
import sdos_location from './sdos/location.json' with { type: 'json' };
import sdos_malware_analysis from './sdos/malware-analysis.json' with { type: 'json' };
import sdos_malware from './sdos/malware.json' with { type: 'json' };
import sdos_note from './sdos/note.json' with { type: 'json' };
import sdos_observed_data from './sdos/observed-data.json' with { type: 'json' };
import sdos_opinion from './sdos/opinion.json' with { type: 'json' };
import sdos_report from './sdos/report.json' with { type: 'json' };
import sdos_threat_actor from './sdos/threat-actor.json' with { type: 'json' };
import sdos_tool from './sdos/tool.json' with { type: 'json' };
import sdos_vulnerability from './sdos/vulnerability.json' with { type: 'json' };
import sros_relationship from './sros/relationship.json' with { type: 'json' };
import sros_sighting from './sros/sighting.json' with { type: 'json' };

/** Every vendored schema, keyed by its path inside the schema tree (e.g. `sdos/indicator.json`). */
export const OASIS_SCHEMAS: Readonly<Record<string, object>> = {
  'common/binary.json': common_binary,
  'common/bundle.json': common_bundle,
  'common/core.json': common_core,
  'common/cyber-observable-core.json': common_cyber_observable_core,
  'common/dictionary.json': common_dictionary,
  'common/extension-definition.json': common_extension_definition,
  'common/extension.json': common_extension,
  'common/external-reference.json': common_external_reference,
  'common/granular-marking.json': common_granular_marking,
  'common/hashes-type.json': common_hashes_type,
  'common/hex.json': common_hex,
  'common/identifier.json': common_identifier,
  'common/kill-chain-phase.json': common_kill_chain_phase,
  'common/language-content.json': common_language_content,
  'common/marking-definition.json': common_marking_definition,
  'common/properties.json': common_properties,
  'common/timestamp.json': common_timestamp,
  'common/url-regex.json': common_url_regex,
  'observables/artifact.json': observables_artifact,
  'observables/autonomous-system.json': observables_autonomous_system,
  'observables/directory.json': observables_directory,
  'observables/domain-name.json': observables_domain_name,
  'observables/email-addr.json': observables_email_addr,
  'observables/email-message.json': observables_email_message,
  'observables/file.json': observables_file,
  'observables/ipv4-addr.json': observables_ipv4_addr,
  'observables/ipv6-addr.json': observables_ipv6_addr,
  'observables/mac-addr.json': observables_mac_addr,
  'observables/mutex.json': observables_mutex,
  'observables/network-traffic.json': observables_network_traffic,
  'observables/process.json': observables_process,
  'observables/software.json': observables_software,
  'observables/url.json': observables_url,
  'observables/user-account.json': observables_user_account,
  'observables/windows-registry-key.json': observables_windows_registry_key,
  'observables/x509-certificate.json': observables_x509_certificate,
  'sdos/attack-pattern.json': sdos_attack_pattern,
  'sdos/campaign.json': sdos_campaign,
  'sdos/course-of-action.json': sdos_course_of_action,
  'sdos/grouping.json': sdos_grouping,
  'sdos/identity.json': sdos_identity,
  'sdos/incident.json': sdos_incident,
  'sdos/indicator.json': sdos_indicator,
  'sdos/infrastructure.json': sdos_infrastructure,
  'sdos/intrusion-set.json': sdos_intrusion_set,
  'sdos/location.json': sdos_location,
  'sdos/malware-analysis.json': sdos_malware_analysis,
  'sdos/malware.json': sdos_malware,
  'sdos/note.json': sdos_note,
  'sdos/observed-data.json': sdos_observed_data,
  'sdos/opinion.json': sdos_opinion,
  'sdos/report.json': sdos_report,
  'sdos/threat-actor.json': sdos_threat_actor,
  'sdos/tool.json': sdos_tool,
  'sdos/vulnerability.json': sdos_vulnerability,
  'sros/relationship.json': sros_relationship,
  'sros/sighting.json': sros_sighting,
};
