/**
 * TypeScript shapes of the STIX 2.1 objects kstorm produces and consumes. Timestamps are kept as their
 * RFC 3339 text on the wire (use `Timestamp` to compare or compute); identifiers are `type--uuid` strings.
 */

/** A STIX identifier of the given type. */
export type Identifier<T extends string = string> = `${T}--${string}`;
/** RFC 3339 text in UTC ending in Z. */
export type TimestampText = string;

/** Properties every STIX object may carry beyond the spec (extension properties, custom properties). */
export interface Extensible {
  extensions?: Record<string, Record<string, unknown>>;
  [property: string]: unknown;
}

/** An external reference (ATT&CK technique, CAPEC, URL). */
export interface ExternalReference {
  source_name: string;
  description?: string;
  url?: string;
  hashes?: Record<string, string>;
  external_id?: string;
}

/** A kill-chain phase. */
export interface KillChainPhase {
  kill_chain_name: string;
  phase_name: string;
}

/** A granular marking. */
export interface GranularMarking {
  selectors: string[];
  marking_ref?: Identifier<'marking-definition'>;
  lang?: string;
}

/** Common properties of SDOs, SROs and marking-definitions (STIX 2.1 §3.2), all but `modified`. */
export interface StixMetaCommon<T extends string> extends Extensible {
  type: T;
  spec_version: '2.1';
  id: Identifier<T>;
  created: TimestampText;
  created_by_ref?: Identifier<'identity'>;
  revoked?: boolean;
  labels?: string[];
  confidence?: number;
  lang?: string;
  external_references?: ExternalReference[];
  object_marking_refs?: Identifier<'marking-definition'>[];
  granular_markings?: GranularMarking[];
}

/** Common properties of SDOs and SROs (STIX 2.1 §3.2). */
export interface StixCommon<T extends string> extends StixMetaCommon<T> {
  modified: TimestampText;
}

export interface AttackPattern extends StixCommon<'attack-pattern'> {
  name: string;
  description?: string;
  aliases?: string[];
  kill_chain_phases?: KillChainPhase[];
}

export interface Indicator extends StixCommon<'indicator'> {
  name?: string;
  description?: string;
  indicator_types?: string[];
  pattern: string;
  pattern_type: string;
  pattern_version?: string;
  valid_from: TimestampText;
  valid_until?: TimestampText;
  kill_chain_phases?: KillChainPhase[];
}

export interface ObservedData extends StixCommon<'observed-data'> {
  first_observed: TimestampText;
  last_observed: TimestampText;
  number_observed: number;
  object_refs: Identifier[];
}

export interface Sighting extends StixCommon<'sighting'> {
  description?: string;
  first_seen?: TimestampText;
  last_seen?: TimestampText;
  count?: number;
  sighting_of_ref: Identifier;
  observed_data_refs?: Identifier<'observed-data'>[];
  where_sighted_refs?: Identifier[];
  summary?: boolean;
}

export interface Relationship extends StixCommon<'relationship'> {
  relationship_type: string;
  description?: string;
  source_ref: Identifier;
  target_ref: Identifier;
  start_time?: TimestampText;
  stop_time?: TimestampText;
}

export interface Identity extends StixCommon<'identity'> {
  name: string;
  description?: string;
  roles?: string[];
  identity_class?: string;
  sectors?: string[];
  contact_information?: string;
}

export interface IntrusionSet extends StixCommon<'intrusion-set'> {
  name: string;
  description?: string;
  aliases?: string[];
  first_seen?: TimestampText;
  last_seen?: TimestampText;
  goals?: string[];
}

export interface Report extends StixCommon<'report'> {
  name: string;
  description?: string;
  report_types?: string[];
  published: TimestampText;
  object_refs: Identifier[];
}

export interface Grouping extends StixCommon<'grouping'> {
  name?: string;
  description?: string;
  context: string;
  object_refs: Identifier[];
}

export interface Note extends StixCommon<'note'> {
  abstract?: string;
  content: string;
  authors?: string[];
  object_refs: Identifier[];
}

export type ExtensionType =
  | 'new-sdo'
  | 'new-sco'
  | 'new-sro'
  | 'property-extension'
  | 'toplevel-property-extension';

export interface ExtensionDefinition extends StixCommon<'extension-definition'> {
  created_by_ref: Identifier<'identity'>;
  name: string;
  description?: string;
  schema: string;
  version: string;
  extension_types: ExtensionType[];
  extension_properties?: string[];
}

/** A TLP 2.0 marking (an extension-definition based marking, STIX 2.1 §7.2.1.4 and the TLP 2.0 extension). */
export interface MarkingDefinition extends StixMetaCommon<'marking-definition'> {
  modified?: TimestampText;
  name?: string;
  definition_type?: string;
  definition?: Record<string, unknown>;
}

/** Common properties of SCOs (STIX 2.1 §3.2 and §6). */
export interface ScoCommon<T extends string> extends Extensible {
  type: T;
  id: Identifier<T>;
  spec_version?: '2.1';
  object_marking_refs?: Identifier<'marking-definition'>[];
  granular_markings?: GranularMarking[];
  defanged?: boolean;
}

export interface Process extends ScoCommon<'process'> {
  is_hidden?: boolean;
  pid?: number;
  created_time?: TimestampText;
  cwd?: string;
  command_line?: string;
  environment_variables?: Record<string, string>;
  opened_connection_refs?: Identifier<'network-traffic'>[];
  creator_user_ref?: Identifier<'user-account'>;
  image_ref?: Identifier<'file'>;
  parent_ref?: Identifier<'process'>;
  child_refs?: Identifier<'process'>[];
}

export interface File extends ScoCommon<'file'> {
  hashes?: Record<string, string>;
  size?: number;
  name?: string;
  name_enc?: string;
  magic_number_hex?: string;
  mime_type?: string;
  ctime?: TimestampText;
  mtime?: TimestampText;
  atime?: TimestampText;
  parent_directory_ref?: Identifier<'directory'>;
  contains_refs?: Identifier[];
  content_ref?: Identifier<'artifact'>;
}

export interface Directory extends ScoCommon<'directory'> {
  path: string;
  path_enc?: string;
  ctime?: TimestampText;
  mtime?: TimestampText;
  atime?: TimestampText;
  contains_refs?: Identifier[];
}

/** The socket extension of network-traffic (STIX 2.1 §6.12.4). */
export interface SocketExt {
  address_family: string;
  is_blocking?: boolean;
  is_listening?: boolean;
  options?: Record<string, number>;
  socket_type?: string;
  socket_descriptor?: number;
  socket_handle?: number;
}

/** The TCP extension of network-traffic (STIX 2.1 §6.12.5). */
export interface TcpExt {
  src_flags_hex?: string;
  dst_flags_hex?: string;
}

export interface NetworkTraffic extends ScoCommon<'network-traffic'> {
  start?: TimestampText;
  end?: TimestampText;
  is_active?: boolean;
  src_ref?: Identifier;
  dst_ref?: Identifier;
  src_port?: number;
  dst_port?: number;
  protocols: string[];
  src_byte_count?: number;
  dst_byte_count?: number;
  src_packets?: number;
  dst_packets?: number;
  ipfix?: Record<string, string | number>;
  src_payload_ref?: Identifier<'artifact'>;
  dst_payload_ref?: Identifier<'artifact'>;
  encapsulates_refs?: Identifier<'network-traffic'>[];
  encapsulated_by_ref?: Identifier<'network-traffic'>;
}

export interface Ipv4Addr extends ScoCommon<'ipv4-addr'> {
  value: string;
  resolves_to_refs?: Identifier<'mac-addr'>[];
  belongs_to_refs?: Identifier<'autonomous-system'>[];
}

export interface Ipv6Addr extends ScoCommon<'ipv6-addr'> {
  value: string;
  resolves_to_refs?: Identifier<'mac-addr'>[];
  belongs_to_refs?: Identifier<'autonomous-system'>[];
}

export interface DomainName extends ScoCommon<'domain-name'> {
  value: string;
  resolves_to_refs?: Identifier[];
}

/** The UNIX account extension of user-account (STIX 2.1 §6.16.2). */
export interface UnixAccountExt {
  gid?: number;
  groups?: string[];
  home_dir?: string;
  shell?: string;
}

export interface UserAccount extends ScoCommon<'user-account'> {
  user_id?: string;
  credential?: string;
  account_login?: string;
  account_type?: string;
  display_name?: string;
  is_service_account?: boolean;
  is_privileged?: boolean;
  can_escalate_privs?: boolean;
  is_disabled?: boolean;
  account_created?: TimestampText;
  account_expires?: TimestampText;
  credential_last_changed?: TimestampText;
  account_first_login?: TimestampText;
  account_last_login?: TimestampText;
}

export interface Artifact extends ScoCommon<'artifact'> {
  mime_type?: string;
  payload_bin?: string;
  url?: string;
  hashes?: Record<string, string>;
  encryption_algorithm?: string;
  decryption_key?: string;
}

export interface Software extends ScoCommon<'software'> {
  name: string;
  cpe?: string;
  swid?: string;
  languages?: string[];
  vendor?: string;
  version?: string;
}

/** Any STIX object as read from input: a type, an id, and whatever else. */
export interface StixObject extends Extensible {
  type: string;
  id: string;
}

/** A STIX 2.1 bundle. */
export interface Bundle {
  type: 'bundle';
  id: Identifier<'bundle'>;
  objects?: StixObject[];
}
