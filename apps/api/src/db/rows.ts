import type { EntityManager } from '@mikro-orm/postgresql';

type EntityClass<T> = abstract new (...args: never[]) => T;
interface Reader { map: (row: Record<string, unknown>) => Record<string, unknown>; proto: object; props: string[] }
const readers = new WeakMap<EntityClass<unknown>, Reader>();

/**
 * The entity's own getters and methods (`globalId`, `archived`, ...) and its constructor, without what the ORM
 * adds to the prototype for change tracking (a setter per property that builds the unit-of-work helper on
 * first write, and the helper accessors themselves).
 */
function readPrototype(entity: EntityClass<unknown>): object {
  const source = entity.prototype as object;
  const proto = Object.create(Object.getPrototypeOf(source) as object) as object;
  for (const key of Reflect.ownKeys(source)) {
    const descriptor = Object.getOwnPropertyDescriptor(source, key)!;
    if (typeof key === 'string' && key.startsWith('__')) continue;
    if (descriptor.set && !descriptor.get) continue;
    Object.defineProperty(proto, key, descriptor);
  }
  return proto;
}

/**
 * Turn raw rows (snake_case columns) into read-only objects of an entity class, without the unit of work:
 * the ORM's own compiled column-to-property mapper (dates parsed exactly as `em.map` parses them), then an
 * object with the entity's getters whose `constructor` is the entity, so the GraphQL type can be told from it.
 * These objects are not managed: read paths use them; writes load their rows through the EntityManager.
 */
export function fromRows<T extends object>(em: EntityManager, entity: EntityClass<T>, rows: Record<string, unknown>[]): T[] {
  let reader = readers.get(entity);
  if (!reader) {
    const meta = em.getMetadata().get(entity.name);
    reader = {
      map: em.getComparator().getResultMapper(entity.name) as Reader['map'],
      proto: readPrototype(entity),
      // mapped properties only: a row's extra columns (row numbers, join keys, generated columns) stay out
      props: meta.props.filter((p) => p.fieldNames?.length && p.persist !== false).map((p) => p.name),
    };
    readers.set(entity, reader);
  }
  const out = new Array<T>(rows.length);
  const { map, proto, props } = reader;
  for (let i = 0; i < rows.length; i++) {
    const mapped = map(rows[i]);
    const obj = Object.create(proto) as Record<string, unknown>;
    for (const prop of props) obj[prop] = mapped[prop];
    out[i] = obj as T;
  }
  return out;
}

export function fromRow<T extends object>(em: EntityManager, entity: EntityClass<T>, row: Record<string, unknown>): T {
  return fromRows(em, entity, [row])[0];
}
