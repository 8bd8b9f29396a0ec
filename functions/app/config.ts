/** Response limits, in working days; configurable per deployment through the environment. */
function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
}

export const limits = () => ({
  /** A unit acknowledges a responsibility order within this many working days. */
  acknowledgementWorkingDays: intEnv('ACKNOWLEDGEMENT_WORKING_DAYS', 3),
  /** After the reminder, this many more before a late-acknowledgement inquiry. */
  acknowledgementGraceWorkingDays: intEnv('ACKNOWLEDGEMENT_GRACE_WORKING_DAYS', 2),
  /** A unit answers an inquiry order in writing within this many working days. */
  inquiryAnswerWorkingDays: intEnv('INQUIRY_ANSWER_WORKING_DAYS', 5),
});
