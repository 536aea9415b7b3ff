/**
 * Deterministic REFI-QDA GUIDs. QDA tools match codes, sources and users across imports by GUID,
 * so re-exporting the same run (or the same codebook) must give the same GUIDs: they are
 * name-based UUIDs (RFC 9562 version 5, SHA-1) in a namespace of our own, never random.
 */
import { createHash } from 'node:crypto';

/**
 * Verbatim's UUID namespace: the v5 UUID of `https://verbatim.invalid/refi-qda` in the RFC's URL
 * namespace. Changing it would change every exported GUID.
 */
export const VERBATIM_GUID_NAMESPACE = '204dc5a3-c18f-5114-ab7a-9db898b89de0';

/** A name-based UUID, version 5 (RFC 9562 §5.5): SHA-1 of the namespace bytes and the UTF-8 name. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The v5 UUID of `parts` joined by U+001F (a separator no id contains), e.g.
 * `qdaGuid('code', 'communication')` or `qdaGuid('source', runId, recordKey)`. Lower-case, as
 * the REFI-QDA GUID pattern accepts.
 */
export function qdaGuid(...parts: readonly string[]): string {
  return uuidV5(parts.join('\u001f'), VERBATIM_GUID_NAMESPACE);
}

/** The GUID of a theme's code: the one kept from an imported `.qdc`, else derived from its id. */
export function themeGuid(theme: { id: string; guid?: string | undefined }): string {
  return theme.guid ?? qdaGuid('code', theme.id);
}

/** The GUID of a family's (non-codable) grouping code. */
export function familyGuid(family: string): string {
  return qdaGuid('family', family);
}
