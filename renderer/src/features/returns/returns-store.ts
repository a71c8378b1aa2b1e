import { create } from 'zustand';
import { parseIntakeCommand } from '#shared/logic/returns/commands';
import { allowedDecisions } from '#shared/logic/returns/deadlines';
import type { Repositories } from '../../data/repositories';
import type { IntakeUnit } from '#shared/logic/returns/intake';
import { cues } from '../../lib/sounds';
import { getSessionState } from '../../stores/session-store';

/**
 * The Returns screen's workflow state (Zustand: ephemeral, never a copy of Dexie rows): which
 * request and which intake are open, the unit the next grade applies to, and the last message.
 * `scanned(text)` is the one entry point for the scanner: a parcel code opens its request and
 * its intake; inside an intake, a product code adds a unit and a command code grades it, sends it
 * somewhere, or finishes the intake (optionally queueing the refund decision).
 */
export interface ReturnsMessage {
  tone: 'ok' | 'warn' | 'error';
  key: string;
  params?: Record<string, string | number>;
}

interface ReturnsState {
  returnId: string | null;
  intakeId: string | null;
  orderId: string | null;
  openedBy: string | null;
  /** The unit the next grade or destination applies to (the last one scanned). */
  unitId: string | null;
  message: ReturnsMessage | null;
  busy: boolean;
  actions: {
    requestOpened: (returnId: string | null, orderId: string | null) => void;
    closed: () => void;
    messageShown: (message: ReturnsMessage | null) => void;
  };
}

const useReturnsStore = create<ReturnsState>()((set) => ({
  returnId: null,
  intakeId: null,
  orderId: null,
  openedBy: null,
  unitId: null,
  message: null,
  busy: false,
  actions: {
    requestOpened: (returnId, orderId) =>
      set({ returnId, orderId, intakeId: null, unitId: null, openedBy: null }),
    closed: () =>
      set({ returnId: null, intakeId: null, orderId: null, unitId: null, openedBy: null }),
    messageShown: (message) => set({ message }),
  },
}));

export const useReturnsView = () => useReturnsStore;
export const useOpenReturnId = () => useReturnsStore((s) => s.returnId);
export const useOpenIntakeId = () => useReturnsStore((s) => s.intakeId);
export const useOpenOrderId = () => useReturnsStore((s) => s.orderId);
export const useSelectedUnitId = () => useReturnsStore((s) => s.unitId);
export const useReturnsMessage = () => useReturnsStore((s) => s.message);
export const useReturnsActions = () => useReturnsStore((s) => s.actions);
export const getReturnsState = () => useReturnsStore.getState();

function actor() {
  const s = getSessionState();
  return { packer: s.operator?.name ?? 'bench', station: s.stationId };
}

function say(message: ReturnsMessage, sound: 'success' | 'error' | 'complete' | 'warning'): void {
  useReturnsStore.setState({ message });
  cues.play(sound, getSessionState().soundVolume);
}

function unitSound(unit: IntakeUnit): 'success' | 'error' {
  return unit.match === 'expected' ? 'success' : 'error';
}

/** One scan at the Returns screen. Serialised: a scan waits for the one before it. */
let chain: Promise<void> = Promise.resolve();
export function scanned(repos: Repositories, text: string, now = Date.now): Promise<void> {
  chain = chain.then(() =>
    handle(repos, text, now()).catch((cause: unknown) => {
      say(
        { tone: 'error', key: 'returns.decide.failed', params: { message: String(cause) } },
        'error',
      );
    }),
  );
  return chain;
}

async function handle(repos: Repositories, text: string, now: number): Promise<void> {
  const state = useReturnsStore.getState();
  const code = text.trim();
  if (!code) return;
  const command = parseIntakeCommand(code);
  const intake = state.intakeId ? await repos.returnIntake.get(state.intakeId) : undefined;
  const open = intake?.status === 'open' ? intake : undefined;

  if (command) {
    if (!open) {
      say({ tone: 'error', key: 'returns.intake.gradeFirst' }, 'error');
      return;
    }
    if (command.kind === 'done') {
      await finish(repos, open.id, open.returnId, command.refund, now);
      return;
    }
    const unit = open.units.find((u) => u.id === state.unitId) ?? open.units.at(-1);
    if (!unit) {
      say({ tone: 'error', key: 'returns.intake.gradeFirst' }, 'error');
      return;
    }
    if (command.kind === 'grade') {
      const graded = await repos.returnIntake.gradeUnit(open.id, unit.id, { grade: command.grade });
      say(
        {
          tone: 'ok',
          key: 'returns.intake.graded',
          params: {
            n: graded.id,
            grade: `returns.grade.${command.grade}`,
            disposition: `returns.disposition.${graded.disposition ?? 'quarantine'}`,
          },
        },
        'success',
      );
    } else {
      await repos.returnIntake.setDisposition(open.id, unit.id, command.disposition);
      say(
        {
          tone: 'ok',
          key: 'returns.intake.disposition',
          params: { n: unit.id, disposition: `returns.disposition.${command.disposition}` },
        },
        'success',
      );
    }
    return;
  }

  if (open) {
    const unit = await repos.returnIntake.scanUnit(open.id, code);
    useReturnsStore.setState({ unitId: unit.id });
    say(
      {
        tone: unit.match === 'expected' ? 'ok' : 'error',
        key:
          unit.skuId === null ? 'returns.intake.unknownCode' : `returns.intake.unit.${unit.match}`,
        params: { code },
      },
      unitSound(unit),
    );
    return;
  }

  // No intake open: the scan names a parcel.
  const hit = await repos.returns.findByScan(code);
  const who = actor();
  if (hit.kind === 'return') {
    const opened = await repos.returnIntake.open({
      returnId: hit.ret.id,
      orderId: hit.ret.orderId,
      openedBy: code,
      actor: who,
      now,
    });
    useReturnsStore.setState({
      returnId: hit.ret.id,
      orderId: hit.ret.orderId,
      intakeId: opened.id,
      openedBy: code,
      unitId: opened.units.at(-1)?.id ?? null,
    });
    say({ tone: 'ok', key: 'returns.intake.opened', params: { id: hit.ret.id } }, 'success');
    return;
  }
  const orderId = hit.kind === 'order-only' ? hit.order.id : null;
  const opened = await repos.returnIntake.open({
    returnId: null,
    orderId,
    openedBy: code,
    actor: who,
    now,
  });
  useReturnsStore.setState({
    returnId: null,
    orderId,
    intakeId: opened.id,
    openedBy: code,
    unitId: opened.units.at(-1)?.id ?? null,
  });
  say(
    orderId
      ? { tone: 'warn', key: 'returns.intake.unexpectedOrder', params: { order: orderId } }
      : { tone: 'warn', key: 'returns.intake.unknown', params: { code } },
    'warning',
  );
}

async function finish(
  repos: Repositories,
  intakeId: string,
  returnId: string | null,
  refund: boolean,
  now: number,
): Promise<void> {
  const ret = returnId ? await repos.returns.get(returnId) : undefined;
  const receipt = ret ? allowedDecisions(ret.type, ret.status) : [];
  const wantsRefund =
    refund && receipt.includes('APPROVE_RECEIVED_PACKAGE') && !ret?.pendingDecision;
  const r = await repos.returnIntake.complete(intakeId, {
    actor: actor(),
    now,
    ...(wantsRefund ? { decision: { decision: 'APPROVE_RECEIVED_PACKAGE' as const } } : {}),
  });
  if (!r.ok) {
    say(
      { tone: 'error', key: 'returns.decide.failed', params: { message: r.error.message } },
      'error',
    );
    return;
  }
  const restocked = r.value.restocked.length;
  if (refund && !wantsRefund) {
    say({ tone: 'warn', key: 'returns.intake.noRequestForRefund' }, 'warning');
    return;
  }
  say(
    {
      tone: 'ok',
      key: r.value.decisionRowId ? 'returns.intake.doneRefund' : 'returns.intake.done',
      params: { restocked },
    },
    'complete',
  );
}
