/**
 * Units (`PK = UNIT#<id>, SK = UNIT`, listed through GSI1 `UNITS`) and their people
 * (`PK = PERSON#<id>, SK = PERSON`, listed per unit through GSI3).
 */
import type { NewAuditEvent } from '#domain/audit.ts';
import { NotFound } from '#domain/errors.ts';
import type { Person, Unit } from '#domain/model.ts';
import { appendAudit, NEW_TRAIL } from './audit.ts';
import { getRecord, type Page, queryAll, queryPage, type UnitOfWork } from './db.ts';

export const unitPk = (id: string) => `UNIT#${id}`;
export const personPk = (id: string) => `PERSON#${id}`;

export function findUnit(unitId: string): Promise<Unit | undefined> {
  return getRecord<Unit>(unitPk(unitId), 'UNIT');
}

export async function getUnit(unitId: string): Promise<Unit> {
  const unit = await findUnit(unitId);
  if (!unit) throw new NotFound('unit', unitId);
  return unit;
}

export function createUnit(uow: UnitOfWork, unit: Unit, events: readonly NewAuditEvent[]): void {
  const head = appendAudit(uow, unitPk(unit.unitId), NEW_TRAIL, unit.createdAt, events);
  uow.create(
    {
      PK: unitPk(unit.unitId),
      SK: 'UNIT',
      entity: 'unit',
      GSI1PK: 'UNITS',
      GSI1SK: `${unit.unitType}#${unit.unitId}`,
      ...unit,
      ...head,
    },
    `unit ${unit.unitId}`,
  );
}

export async function listUnits(limit: number, cursor?: string, unitType?: string): Promise<Page<Unit>> {
  return queryPage<Unit>(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: unitType ? 'GSI1PK = :pk AND begins_with(GSI1SK, :t)' : 'GSI1PK = :pk',
      ExpressionAttributeValues: unitType ? { ':pk': 'UNITS', ':t': `${unitType}#` } : { ':pk': 'UNITS' },
    },
    limit,
    cursor,
  );
}

export function findPerson(personId: string): Promise<Person | undefined> {
  return getRecord<Person>(personPk(personId), 'PERSON');
}

export function createPerson(uow: UnitOfWork, person: Person, events: readonly NewAuditEvent[]): void {
  const head = appendAudit(uow, personPk(person.personId), NEW_TRAIL, person.createdAt, events);
  uow.create(
    {
      PK: personPk(person.personId),
      SK: 'PERSON',
      entity: 'person',
      GSI3PK: unitPk(person.unitId),
      GSI3SK: `PERSON#${person.personId}`,
      ...person,
      ...head,
    },
    `person ${person.personId}`,
  );
}

export async function peopleOf(unitId: string): Promise<Person[]> {
  return queryAll<Person>({
    IndexName: 'GSI3',
    KeyConditionExpression: 'GSI3PK = :pk AND begins_with(GSI3SK, :p)',
    ExpressionAttributeValues: { ':pk': unitPk(unitId), ':p': 'PERSON#' },
  });
}
