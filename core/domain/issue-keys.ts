// Scripts written without spaces between words, or with particles joined to the word before them
// (Japanese `PROJ-1を修正`, Korean `PROJ-1을`, Chinese `修复PROJ-1`): touching them, a key still stands alone.
const UNSPACED_SCRIPTS = String.raw`\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}`;
const WORD_CHARACTER = String.raw`(?![${UNSPACED_SCRIPTS}])[\p{L}\p{N}\p{M}]`;

/**
 * Issue keys such as PROJ-123: a capital letter, one or more capitals or digits, a hyphen, a number.
 * A key must stand alone: a letter, digit or combining mark touching either end makes it part of a
 * longer token (`XPROJ-1a`, `aPROJ-1`, `éPROJ-1`), and it is ignored. An underscore before it glues
 * too, because project keys may contain one (`MY_PROJ-1` is not `PROJ-1`); after it, an underscore
 * separates, as branch names use it (`PROJ-1_fix-login`).
 */
const ISSUE_KEY = new RegExp(String.raw`(?<!${WORD_CHARACTER}|_)[A-Z][A-Z0-9]+-\d+(?!${WORD_CHARACTER})`, 'gu');

/** The issue keys in a text, in order of appearance, repeats included. */
export const issueKeysIn = (text: string): ReadonlyArray<string> => [...text.matchAll(ISSUE_KEY)].map((match) => match[0]);

/** Where a pull request or a commit may name the issues it works on. */
export interface ReferenceTexts {
  readonly title?: string;
  readonly branch?: string;
  /** Commit messages, descriptions, comments: read after the title and the branch, in order. */
  readonly texts?: ReadonlyArray<string>;
}

/**
 * Every issue key a pull request or commit names: the title's first, then the branch name's, then the
 * other texts', each key once at its first appearance. Lookalikes (`UTF-8`, `ISO-8601`) are found too;
 * only a stored task with that key makes one a link.
 */
export const referencedIssueKeys = (texts: ReferenceTexts): ReadonlyArray<string> => [
  ...new Set([texts.title ?? '', texts.branch ?? '', ...(texts.texts ?? [])].flatMap(issueKeysIn)),
];
