// The e-invoice section of `npm run bench:extract`: read time per structured e-invoice (goal
// < 20 ms). XML files are read exactly; Factur-X/ZUGFeRD PDFs also get their text layer read
// to compare page and XML, so they are shown beside the same PDFs read as text only
// (einvoice: false) in the same run: the ratio is what the structured read adds.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { xmlAttachments } from '../extraction/einvoice/attachment';
import { readEInvoiceXml } from '../extraction/einvoice/read';
import { extractDocument } from '../extraction/index';
import { locateSharedCorpus } from './shared-corpus';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)] ?? NaN;

function documents(): { dir: string; files: string[] } {
  let dir: string;
  try {
    dir = locateSharedCorpus('einvoices');
  } catch {
    dir = path.resolve('test/fixtures/einvoice');
  }
  const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(xml|pdf)$/.test(f) && !f.startsWith('scanned')).sort();
  return { dir, files };
}

async function timeEach(bufs: Buffer[], einvoice: boolean, rounds: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const b of bufs) {
      const t = performance.now();
      await extractDocument(b, 'bench', { einvoice });
      times.push(performance.now() - t);
    }
  }
  return times;
}

export async function benchEInvoices(rounds = 3): Promise<void> {
  const { dir, files } = documents();
  const xml = files.filter((f) => f.endsWith('.xml')).map((f) => readFileSync(path.join(dir, f)));
  const pdf = files.filter((f) => f.endsWith('.pdf')).map((f) => readFileSync(path.join(dir, f)));
  // Warm-up: pdf.js and the parser load once per process.
  await timeEach([...xml.slice(0, 3), ...pdf.slice(0, 3)], true, 1);
  const x = await timeEach(xml, true, rounds);
  const e = await timeEach(pdf, true, rounds);
  const t = await timeEach(pdf, false, rounds);
  // The structured part alone: find the attachment and read its XML (no text layer).
  const s: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const b of pdf) {
      const t0 = performance.now();
      const [a] = await xmlAttachments(b);
      if (a) readEInvoiceXml(a.bytes);
      s.push(performance.now() - t0);
    }
  }
  console.log(`e-invoices (${dir}): XML ${median(x).toFixed(1)} ms/file median, p90 ${p90(x).toFixed(1)} (${xml.length} files × ${rounds})`);
  console.log(
    `  Factur-X/ZUGFeRD PDF ${median(e).toFixed(1)} ms/file median, p90 ${p90(e).toFixed(1)}; the same PDFs as text only ${median(t).toFixed(1)} ms (ratio ${(median(e) / median(t)).toFixed(2)}) (${pdf.length} files × ${rounds})`,
  );
  console.log(`  of which attachment + XML alone ${median(s).toFixed(1)} ms/file median, p90 ${p90(s).toFixed(1)} (the rest reads the page to compare it with the XML)`);
}
