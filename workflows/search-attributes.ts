// Custom search attributes set by the document workflow, so documents can be found in the
// Temporal UI and with `temporal workflow list --query "CountersignStatus='in_review'"`.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const STATUS_KEY = defineSearchAttributeKey('CountersignStatus', SearchAttributeType.KEYWORD);
export const KIND_KEY = defineSearchAttributeKey('CountersignKind', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_KEYS = [STATUS_KEY, KIND_KEY];
