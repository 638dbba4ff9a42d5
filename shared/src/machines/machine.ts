/**
 * A state machine as data: each action names the states it may start from, the state it leads to
 * and the actors who may take it. Both the server (to enforce) and the mini-program (to show only
 * the buttons a user may press) read the same table.
 */
export interface Transition<S extends string, A extends string> {
  from: readonly S[];
  to: S;
  actors: readonly A[];
}

export type TransitionTable<S extends string, Act extends string, A extends string> = Record<
  Act,
  Transition<S, A>
>;

export interface Machine<S extends string, Act extends string, A extends string> {
  readonly states: readonly S[];
  readonly actors: readonly A[];
  readonly transitions: TransitionTable<S, Act, A>;
  /** Whether an actor holding any of `actors` may take `action` from `state`. */
  can(actors: A | readonly A[], action: Act, state: S): boolean;
  /** Whether `action` may start from `state` at all, whoever asks. */
  allowsFrom(action: Act, state: S): boolean;
  /** The state `action` leads to. */
  target(action: Act): S;
  /** The actions any of `actors` may take from `state`, in table order. */
  available(actors: A | readonly A[], state: S): Act[];
}

export function defineMachine<S extends string, Act extends string, A extends string>(
  states: readonly S[],
  actors: readonly A[],
  transitions: TransitionTable<NoInfer<S>, Act, NoInfer<A>>,
): Machine<S, Act, A> {
  const actions = Object.keys(transitions) as Act[];
  const asList = (actors: A | readonly A[]): readonly A[] =>
    typeof actors === 'string' ? [actors as A] : (actors as readonly A[]);
  const allowsFrom = (action: Act, state: S) => transitions[action].from.includes(state);
  const can = (actors: A | readonly A[], action: Act, state: S) =>
    allowsFrom(action, state) && asList(actors).some((a) => transitions[action].actors.includes(a));
  return {
    states,
    actors,
    transitions,
    can,
    allowsFrom,
    target: (action) => transitions[action].to,
    available: (actors, state) => actions.filter((action) => can(actors, action, state)),
  };
}
