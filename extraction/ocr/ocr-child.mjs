// One tesseract.js worker in a process of its own (forked by ocr/processWorker.ts). Its wasm
// heap keeps the high-water mark of the largest page it has seen and never shrinks; ending the
// process is the only way to hand that memory back, so the pool recycles whole processes.
// Plain JavaScript on purpose: the child starts with plain `node` (no TypeScript loader), both
// from the sources and from dist/ (scripts/build.ts copies this file).
import { createWorker } from 'tesseract.js';

let worker = null;

const send = (msg) => {
  if (process.connected) process.send(msg);
};

/** Only what the parent reads (text, line and word boxes, confidences): a small IPC message. */
function slim(data) {
  return {
    text: data.text ?? '',
    blocks: (data.blocks ?? []).map((b) => ({
      paragraphs: b.paragraphs.map((p) => ({
        lines: p.lines.map((l) => ({
          bbox: l.bbox,
          words: l.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })),
        })),
      })),
    })),
  };
}

async function handle(m) {
  if (m.type === 'start') {
    worker = await createWorker(m.langs, m.oem, {
      langPath: m.langPath,
      gzip: true,
      cacheMethod: 'none',
      // Without a handler tesseract.js throws from its message listener and kills the process.
      errorHandler: () => undefined,
    });
    return null;
  }
  if (!worker) throw new Error('The OCR worker was not started.');
  if (m.type === 'setParameters') {
    await worker.setParameters(m.params);
    return null;
  }
  if (m.type === 'recognize') {
    const res = await worker.recognize(Buffer.from(m.image), {}, { text: true, blocks: true });
    return slim(res.data);
  }
  throw new Error(`Unknown request ${m.type}.`);
}

process.on('message', (m) => {
  handle(m).then(
    (result) => send({ id: m.id, result, rss: process.memoryUsage().rss }),
    (err) => send({ id: m.id, error: String(err?.message ?? err), rss: process.memoryUsage().rss }),
  );
});
// The parent went away (crash, kill): nothing is left to do here.
process.on('disconnect', () => process.exit(0));
send({ id: 0, result: 'up', rss: process.memoryUsage().rss });
