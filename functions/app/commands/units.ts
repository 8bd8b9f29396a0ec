/** Units (departments, subdistricts, enterprises) and their people. */

import { UnitOfWork } from '#data/db.ts';
import { getUnit, createPerson as storePerson, createUnit as storeUnit } from '#data/units.ts';
import { CreatePersonInput, CreateUnitInput } from '#domain/commands.ts';
import { Forbidden, RuleViolation } from '#domain/errors.ts';
import type { Person, Unit } from '#domain/model.ts';
import { type Ctx, isoNow, parse } from '../support.ts';

async function commitNew(uow: UnitOfWork, what: string, id: string, answer: unknown): Promise<void> {
  try {
    await uow.commit(answer);
  } catch (err) {
    if ((err as { code?: string }).code === 'concurrent_change') {
      throw new RuleViolation(`${what}.exists`, `${what} ${id} already exists`);
    }
    throw err;
  }
}

export async function createUnit(ctx: Ctx, input: unknown): Promise<Unit> {
  const v = parse(CreateUnitInput, input);
  const unit: Unit = { ...v, createdAt: isoNow(), version: 0 };
  const uow = new UnitOfWork();
  storeUnit(uow, unit, [
    { type: 'unit.created', actor: ctx.actor, data: { name: unit.name, unitType: unit.unitType } },
  ]);
  await commitNew(uow, 'unit', unit.unitId, unit);
  return unit;
}

export async function createPerson(ctx: Ctx, unitId: string, input: unknown): Promise<Person> {
  if (ctx.actor.role === 'unit' && ctx.actor.unitId !== unitId) {
    throw new Forbidden('auth.not_your_unit', 'a unit adds people only to itself');
  }
  const v = parse(CreatePersonInput, input);
  await getUnit(unitId);
  const person: Person = { ...v, unitId, createdAt: isoNow() };
  const uow = new UnitOfWork();
  storePerson(uow, person, [
    { type: 'person.created', actor: ctx.actor, data: { unitId, name: person.name } },
  ]);
  await commitNew(uow, 'person', person.personId, person);
  return person;
}
