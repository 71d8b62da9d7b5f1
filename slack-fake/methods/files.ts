// files.* methods. Uploads follow Slack's current three-step flow (what web-api's
// files.uploadV2 does): getUploadURLExternal → POST the bytes to upload_url → completeUploadExternal,
// which creates the file and, given channel_id, shares it as a message.
import type { FakeFile } from '../types';
import { fail, ok, str, type MethodHandler } from './context';

export const fileMethods: Record<string, MethodHandler> = {
  'files.info': (args, { state }) => {
    const id = str(args.file);
    const file = id ? state.file(id) : undefined;
    return file ? ok({ file }) : fail('file_not_found');
  },

  'files.getUploadURLExternal': (args, { state, ids, baseUrl }) => {
    const filename = str(args.filename);
    const length = Number(args.length);
    if (!filename) return fail('invalid_arguments', ['[ERROR] missing required field: filename [json-pointer:/filename]']);
    if (!Number.isFinite(length) || length <= 0) return fail('invalid_arguments', ['[ERROR] missing required field: length [json-pointer:/length]']);
    const fileId = ids.next('F');
    state.pendingUploads.set(fileId, { filename, length });
    return ok({ upload_url: `${baseUrl}/upload/v1/${fileId}`, file_id: fileId });
  },

  'files.completeUploadExternal': (args, { state, baseUrl }) => {
    const entries = Array.isArray(args.files) ? (args.files as Array<{ id?: unknown; title?: unknown }>) : [];
    if (entries.length === 0) return fail('invalid_arguments', ['[ERROR] missing required field: files [json-pointer:/files]']);
    const pending = entries.map((e) => ({ entry: e, upload: typeof e.id === 'string' ? state.pendingUploads.get(e.id) : undefined }));
    // Nothing is created unless every file was reserved and its bytes arrived.
    if (pending.some((p) => !p.upload?.bytes)) return fail('file_not_found');
    const files: FakeFile[] = [];
    for (const { entry, upload } of pending) {
      if (!upload?.bytes) continue;
      const id = String(entry.id);
      state.pendingUploads.delete(id);
      const title = str(entry.title) ?? upload.filename;
      files.push(state.addFile({ id, name: upload.filename, title, content: upload.bytes, ownerId: state.config.botUserId }, baseUrl));
    }
    const channel = str(args.channel_id);
    if (channel) {
      const message = state.post({
        channel,
        user: state.config.botUserId,
        text: str(args.initial_comment) ?? '',
        files,
        thread_ts: str(args.thread_ts),
      });
      for (const file of files) file.channels.push(message.channel);
    }
    return ok({ files });
  },
};
