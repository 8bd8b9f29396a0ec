/**
 * The stored evidence files of an item for its page (GET /v1/items/{id}/files): the API alone
 * decides who may read them. Signed out, nothing is asked (a 401 would sign nobody out, but
 * there is nothing to ask for); a refusal (403, 404) means "not yours to see": no section at
 * all, not an error. Pages are read up to `maxPages` (100 each); `more` tells there are more.
 */
export interface FileEntry {
  readonly fileId: string;
  readonly name: string;
  readonly size: number;
  readonly contentType: string;
  readonly storedAt?: string;
}

export interface FilesPage {
  readonly items: readonly FileEntry[];
  readonly nextCursor?: string;
}

export interface ItemFiles {
  readonly files: readonly FileEntry[];
  readonly more: boolean;
}

export async function itemFiles(
  signedIn: boolean,
  fetchPage: (cursor?: string) => Promise<FilesPage>,
  maxPages = 3,
): Promise<ItemFiles | undefined> {
  if (!signedIn) return undefined;
  const files: FileEntry[] = [];
  let cursor: string | undefined;
  try {
    for (let n = 0; n < maxPages; n++) {
      const page = await fetchPage(cursor);
      files.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status === 403 || status === 404) return undefined;
    throw err;
  }
  return { files, more: cursor !== undefined };
}
