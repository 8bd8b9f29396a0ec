/**
 * Units (listed through GSI1) and their people (listed per unit through GSI3); keys declared
 * in keys.ts (`unit`, `person`).
 */
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { Person, Unit } from '#domain/model.ts';
import { appendAudit, NEW_TRAIL } from './audit.ts';
import { getRecord, keyQuery, type Page, queryAll, queryPage, type UnitOfWork } from './db.ts';
import { person as personKeys, personPk, rowOf, unit as unitKeys, unitPk } from './keys.ts';

export { personPk, unitPk };

export function findUnit(unitId: string): Promise<Unit | undefined> {
  return getRecord<Unit>(unitKeys.key({ unitId }));
}

export async function getUnit(unitId: string): Promise<Unit> {
  const unit = await findUnit(unitId);
  if (!unit) throw new NotFound('unit', unitId);
  return unit;
}

export function createUnit(uow: UnitOfWork, unit: Unit, events: readonly NewAuditEvent[]): void {
  const head = appendAudit(uow, unitPk(unit.unitId), NEW_TRAIL, unit.createdAt, events);
  uow.create(rowOf(unitKeys, { ...unit, ...head }), `unit ${unit.unitId}`);
}

export async function listUnits(limit: number, cursor?: string, unitType?: string): Promise<Page<Unit>> {
  return queryPage<Unit>(keyQuery(unitKeys.queries.all(unitType)), limit, cursor);
}

export function findPerson(personId: string): Promise<Person | undefined> {
  return getRecord<Person>(personKeys.key({ personId }));
}

export function createPerson(uow: UnitOfWork, person: Person, events: readonly NewAuditEvent[]): void {
  const head = appendAudit(uow, personPk(person.personId), NEW_TRAIL, person.createdAt, events);
  uow.create(rowOf(personKeys, { ...person, ...head }), `person ${person.personId}`);
}

/** A page of a unit's people, in id order. */
export async function peoplePage(unitId: string, limit: number, cursor?: string): Promise<Page<Person>> {
  return queryPage<Person>(keyQuery(personKeys.queries.ofUnit(unitId)), limit, cursor);
}

export async function peopleOf(unitId: string): Promise<Person[]> {
  return queryAll<Person>(keyQuery(personKeys.queries.ofUnit(unitId)));
}
