// Prisma's schema engine as WebAssembly (from npm), driven through @prisma/adapter-pg. The
// native engine is downloaded from Prisma's own host at run time, which offline machines
// cannot reach; the wasm build does the same migration work and writes the same
// `_prisma_migrations` table, so `prisma migrate deploy` stays compatible.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';

type SchemaEngine = Awaited<ReturnType<typeof bindings.SchemaEngine.new>>;

let wasmReady: Promise<void> | null = null;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
    const module = await WebAssembly.compile(readFileSync(file));
    const instance = await WebAssembly.instantiate(module, { './schema_engine_bg.js': bindings as unknown as WebAssembly.ModuleImports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return wasmReady;
}

// The engine's catalogue queries return PostgreSQL's internal "char" type (OID 18), which
// adapter-pg cannot map to a column type; declaring those columns as character (bpchar) is
// exact for these one-byte codes, and pg already reads both as strings.
const CHAR_OID = 18;
const BPCHAR_OID = 1042;

type QueryResult = { fields: { dataTypeID: number }[] };
interface PgAdapterInternals {
  client: pg.Pool;
  performIO(q: unknown): Promise<QueryResult>;
  executeScript(script: string): Promise<void>;
  onError(err: unknown): never;
}

/**
 * Two fixes to adapter-pg for the schema engine: read "char" columns (above), and run a
 * migration script whole. adapter-pg splits scripts on every ";", which cuts a PL/pgSQL
 * function body in half; PostgreSQL's simple query protocol runs a multi-statement script
 * as it is, like the native engine does.
 */
function patchForMigrations<T extends object>(adapter: T): T {
  const a = adapter as unknown as PgAdapterInternals;
  const performIO = a.performIO.bind(adapter);
  a.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = BPCHAR_OID;
    return result;
  };
  a.executeScript = async (script) => {
    try {
      await a.client.query(script);
    } catch (err) {
      a.onError(err);
    }
  };
  return adapter;
}

/** Pool config from a URL, split into fields: with a connectionString, adapter-pg's shadow database would connect to the main one. */
function poolConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    ssl: u.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
  };
}

/**
 * adapter-pg drops its shadow database while its own pool still holds a session on it, so the
 * DROP fails ("being accessed by other users"). This variant closes the pool first, then drops
 * with FORCE.
 */
class ShadowSafePg extends PrismaPg {
  constructor(private readonly cfg: pg.PoolConfig) {
    super(cfg);
  }

  private readonly open: { dispose(): Promise<void> }[] = [];

  override async connect() {
    const adapter = patchForMigrations(await super.connect());
    this.open.push(adapter);
    return adapter;
  }

  /** The engine never closes its main connection: without this its pool outlives the call. */
  async closeAll(): Promise<void> {
    await Promise.allSettled(this.open.splice(0).map((a) => a.dispose()));
  }

  override async connectToShadowDb() {
    const name = `countersign_shadow_${randomUUID().replaceAll('-', '')}`;
    await this.admin(`CREATE DATABASE "${name}"`);
    const adapter = patchForMigrations(await new PrismaPg({ ...this.cfg, database: name }).connect());
    const closePool = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await closePool();
      await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return adapter;
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client(this.cfg);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

export async function withSchemaEngine<T>(
  url: string,
  schema: { path: string; content: string },
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  // The engine expects Prisma's error-capturing wrapper around the adapter factory.
  const factory = new ShadowSafePg(poolConfig(url));
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await bindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => {}, adapter);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await factory.closeAll();
  }
}
