/**
 * Adds or removes our `SessionEnd` command hook in the text of a Claude Code settings file. Pure: text in, text out.
 * Everything else in the file is left as it was, byte for byte; only the spans we add or remove change.
 */
import { appendElement, detectIndentUnit, insertMember, removeElement, removeMember, replaceValue } from './json-splice.js';
import { findMember, scalarValue, scanJson, type ArraySpan, type JsonSpan, type ObjectSpan } from './json-spans.js';

/** The handler we write. */
export interface HookHandler {
  command: string;
  /** Seconds (Claude Code's unit for hook timeouts). */
  timeout: number;
}

/** Containers install had to create, so uninstall removes those and only those. */
export interface CreatedContainers {
  hooks: boolean;
  sessionEnd: boolean;
}

/** The settings text does not parse, or has a shape we will not edit; `message` says where. */
export class SettingsContentError extends Error {}

/** What `addSessionEndHook` did. */
export interface AddResult {
  text: string;
  /** `added`: a new handler; `updated`: an older command of ours was rewritten to the current one; `present`: nothing to do. */
  action: 'added' | 'updated' | 'present';
  created: CreatedContainers;
}

/** What `removeSessionEndHook` did. */
export interface RemoveResult {
  text: string;
  removed: number;
}

const EVENT = 'SessionEnd';

/**
 * Adds the handler unless one of ours is there. `isOurs` decides by exact command equality (the current command,
 * or one we recorded writing earlier); a command that merely contains ours belongs to someone else.
 * `text` null means the file does not exist.
 */
export function addSessionEndHook(text: string | null, handler: HookHandler, isOurs: (command: string) => boolean): AddResult {
  const group = { matcher: '', hooks: [{ type: 'command', command: handler.command, timeout: handler.timeout }] };
  if (text === null) {
    return { text: `${JSON.stringify({ hooks: { [EVENT]: [group] } }, null, 2)}\n`, action: 'added', created: { hooks: true, sessionEnd: true } };
  }
  const unit = detectIndentUnit(text);
  const doc = parseSettings(text);
  const hooks = hooksObject(doc);
  if (!hooks) return { text: insertMember(text, doc, 'hooks', { [EVENT]: [group] }, unit), action: 'added', created: { hooks: true, sessionEnd: true } };
  const event = eventArray(hooks);
  if (!event) return { text: insertMember(text, hooks, EVENT, [group], unit), action: 'added', created: { hooks: false, sessionEnd: true } };
  const created = { hooks: false, sessionEnd: false };
  const handlers = ourHandlers(event, isOurs);
  if (handlers.some((found) => found.command === handler.command)) return { text, action: 'present', created };
  const older = handlers[0];
  if (older) return { text: replaceValue(text, older.commandSpan, handler.command), action: 'updated', created };
  return { text: appendElement(text, event, group, unit), action: 'added', created };
}

/**
 * Removes every handler of ours from `SessionEnd`, the matcher groups left holding nothing, and the `SessionEnd`
 * array and `hooks` object when install created them and they are now empty. `created` null (no record of the
 * install) keeps every container: removing one we did not add would change the user's file.
 */
export function removeSessionEndHook(text: string, isOurs: (command: string) => boolean, created: CreatedContainers | null): RemoveResult {
  let current = text;
  let removed = 0;
  // One edit at a time, re-scanning after each: offsets stay right and the text is small.
  for (;;) {
    const doc = parseSettings(current);
    const hooks = hooksObject(doc);
    const event = hooks && eventArray(hooks);
    const found = event ? ourHandlers(event, isOurs)[0] : undefined;
    if (!hooks || !event || !found) break;
    removed++;
    const groupSpan = event.elements[found.groupIndex];
    const handlers = found.handlersSpan;
    const onlyHandler = handlers.elements.length === 1;
    if (onlyHandler && groupSpan?.kind === 'object' && isPlainGroup(groupSpan)) {
      current = removeElement(current, event, found.groupIndex);
    } else {
      current = removeElement(current, handlers, found.handlerIndex);
    }
  }
  if (removed === 0 || !created) return { text: current, removed };
  const doc = parseSettings(current);
  const hooks = hooksObject(doc);
  const event = hooks && eventArray(hooks);
  if (hooks && event && created.sessionEnd && event.elements.length === 0) {
    current = removeMember(current, hooks, hooks.members.findLastIndex((member) => member.key === EVENT));
  }
  const after = parseSettings(current);
  const hooksAfter = hooksObject(after);
  if (hooksAfter && created.hooks && hooksAfter.members.length === 0) {
    current = removeMember(current, after, after.members.findLastIndex((member) => member.key === 'hooks'));
  }
  return { text: current, removed };
}

/** Commands of our handlers found in the text, for `status`. */
export function findOurCommands(text: string, isOurs: (command: string) => boolean): string[] {
  const hooks = hooksObject(parseSettings(text));
  const event = hooks && eventArray(hooks);
  return event ? ourHandlers(event, isOurs).map((found) => found.command) : [];
}

/** Parses for validity (JSON.parse's message names the error) and returns the root object's spans. */
export function parseSettings(text: string): ObjectSpan {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    JSON.parse(body);
  } catch (error) {
    throw new SettingsContentError(error instanceof Error ? error.message : String(error));
  }
  const root = scanJson(text);
  if (root.kind !== 'object') throw new SettingsContentError(`the top level is ${describe(root)}, not an object`);
  return root;
}

function hooksObject(doc: ObjectSpan): ObjectSpan | undefined {
  const member = findMember(doc, 'hooks');
  if (!member) return undefined;
  if (member.value.kind !== 'object') throw new SettingsContentError(`"hooks" is ${describe(member.value)}, not an object`);
  return member.value;
}

function eventArray(hooks: ObjectSpan): ArraySpan | undefined {
  const member = findMember(hooks, EVENT);
  if (!member) return undefined;
  if (member.value.kind !== 'array') throw new SettingsContentError(`"hooks.${EVENT}" is ${describe(member.value)}, not an array`);
  return member.value;
}

interface FoundHandler {
  command: string;
  commandSpan: JsonSpan;
  groupIndex: number;
  handlersSpan: ArraySpan;
  handlerIndex: number;
}

/** Our handlers, in file order. Groups and handlers of shapes we do not know are someone else's: skipped, untouched. */
function ourHandlers(event: ArraySpan, isOurs: (command: string) => boolean): FoundHandler[] {
  const found: FoundHandler[] = [];
  event.elements.forEach((group, groupIndex) => {
    if (group.kind !== 'object') return;
    const handlers = findMember(group, 'hooks')?.value;
    if (handlers?.kind !== 'array') return;
    handlers.elements.forEach((handler, handlerIndex) => {
      if (handler.kind !== 'object') return;
      const type = findMember(handler, 'type')?.value;
      const command = findMember(handler, 'command')?.value;
      if (type?.kind !== 'scalar' || command?.kind !== 'scalar') return;
      const typeValue = scalarValue(type);
      const commandValue = scalarValue(command);
      if (typeValue !== 'command' || typeof commandValue !== 'string' || !isOurs(commandValue)) return;
      found.push({ command: commandValue, commandSpan: command, groupIndex, handlersSpan: handlers, handlerIndex });
    });
  });
  return found;
}

/** A group that is nothing but a catch-all matcher around its handlers, like the one we write. */
function isPlainGroup(group: ObjectSpan): boolean {
  return group.members.every((member) => {
    if (member.key === 'hooks') return true;
    if (member.key !== 'matcher' || member.value.kind !== 'scalar') return false;
    const matcher = scalarValue(member.value);
    return matcher === '' || matcher === '*';
  });
}

function describe(span: JsonSpan): string {
  if (span.kind === 'object') return 'an object';
  if (span.kind === 'array') return 'an array';
  const value = scalarValue(span);
  return value === null ? 'null' : `a ${typeof value}`;
}
