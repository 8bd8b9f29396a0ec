import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDefinition, substitute } from '../../../src/sfn/load.ts';
import { fixtureFile } from './support.ts';

/** `${name}`, spelled so that nobody mistakes it for a template literal. */
const ph = (name: string) => ['$', '{', name, '}'].join('');

function tempFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'asl-')), 'machine.asl.json');
  writeFileSync(file, text);
  return file;
}

describe('loadDefinition', () => {
  it('replaces placeholders like CDK definitionSubstitutions', () => {
    const text = loadDefinition(fixtureFile('parent'), {
      ChildArn: 'arn:aws:states:local:000000000000:stateMachine:Child',
    });
    expect(text).not.toContain('${');
    const parsed = JSON.parse(text);
    expect(parsed.States.StartChild.Parameters.StateMachineArn).toBe(
      'arn:aws:states:local:000000000000:stateMachine:Child',
    );
  });

  it('fails on a placeholder left without a substitution, naming it', () => {
    expect(() => loadDefinition(fixtureFile('parent'), {})).toThrow(ph('ChildArn'));
    const text = `{"a":"${ph('A')}","b":"${ph('B')}"}`;
    expect(() => substitute(text, { A: 'x' }, 'inline')).toThrow(`inline: no substitution for ${ph('B')}`);
  });

  it('replaces every occurrence, leaves JSONPath alone and reads absolute paths', () => {
    const file = tempFile(`{"A":"${ph('T')}","B":"${ph('T')}-x","C.$":"$.input","D":"$$.Execution.Id"}`);
    expect(JSON.parse(loadDefinition(file, { T: 'table', Unused: 'ok' }))).toEqual({
      A: 'table',
      B: 'table-x',
      'C.$': '$.input',
      D: '$$.Execution.Id',
    });
  });

  it('fails when the result is not JSON', () => {
    const file = tempFile(`{"A": ${ph('Raw')}}`);
    expect(() => loadDefinition(file, { Raw: 'not-json' })).toThrow(/not valid JSON after substitution/);
  });
});
