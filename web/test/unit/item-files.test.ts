import { describe, expect, it } from 'vitest';
import { type FilesPage, itemFiles } from '../../src/lib/item-files.ts';

const file = (n: number) => ({
  fileId: `file-${n}`,
  name: `${n}.jpg`,
  size: 1024,
  contentType: 'image/jpeg',
});
const refused = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

describe("an item's files on its page", () => {
  it('signed out: asks nothing, shows nothing', async () => {
    let asked = 0;
    expect(
      await itemFiles(false, async () => {
        asked++;
        return { items: [] };
      }),
    ).toBeUndefined();
    expect(asked).toBe(0);
  });

  it('refused (not a reader of the evidence): no section, not an error', async () => {
    for (const status of [403, 404])
      expect(await itemFiles(true, () => Promise.reject(refused(status)))).toBeUndefined();
  });

  it('any other failure is an error to show', async () => {
    await expect(itemFiles(true, () => Promise.reject(refused(500)))).rejects.toThrow('HTTP 500');
  });

  it('follows the cursor, up to the page bound, and tells when there are more', async () => {
    const pages: Record<string, FilesPage> = {
      first: { items: [file(1), file(2)], nextCursor: 'c2' },
      c2: { items: [file(3)], nextCursor: 'c3' },
      c3: { items: [file(4)] },
    };
    const seen: (string | undefined)[] = [];
    const fetchPage = async (cursor?: string) => {
      seen.push(cursor);
      return pages[cursor ?? 'first']!;
    };
    const all = await itemFiles(true, fetchPage);
    expect(all?.files.map((f) => f.fileId)).toEqual(['file-1', 'file-2', 'file-3', 'file-4']);
    expect(all?.more).toBe(false);
    expect(seen).toEqual([undefined, 'c2', 'c3']);
    const two = await itemFiles(true, fetchPage, 2);
    expect(two?.files).toHaveLength(3);
    expect(two?.more).toBe(true);
  });

  it('an item without stored files: an empty list (the section says so)', async () => {
    expect(await itemFiles(true, async () => ({ items: [] }))).toEqual({ files: [], more: false });
  });
});
