// The workflow sets custom search attributes; a server that does not know them fails the
// workflow task. The embedded dev server gets them as start flags; an external server
// (self-hosted cluster) is asked to add the missing ones at start.
import type { Connection } from '@temporalio/client';
// A CommonJS package: Node's ESM loader exposes only its default export.
import proto from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';
import type { Logger } from './logger';

const { temporal } = proto;

const PROTO_TYPE: Record<string, proto.temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  TEXT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
};

export async function ensureSearchAttributes(connection: Connection, namespace: string, log: Logger): Promise<void> {
  try {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
    const missing = SEARCH_ATTRIBUTE_KEYS.filter((k) => !(k.name in (customAttributes ?? {})));
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((k) => [k.name, PROTO_TYPE[k.type] ?? PROTO_TYPE.KEYWORD!])),
    });
    log.info({ added: missing.map((k) => k.name) }, 'search attributes registered');
  } catch (err) {
    // Temporal Cloud registers attributes through its console or tcld, not this API.
    throw new Error(
      `Could not register the search attributes ${SEARCH_ATTRIBUTE_KEYS.map((k) => k.name).join(', ')} (Keyword) in namespace ${namespace}; add them with "tcld namespace search-attributes add" or "temporal operator search-attribute create": ${(err as Error).message}`,
    );
  }
}
