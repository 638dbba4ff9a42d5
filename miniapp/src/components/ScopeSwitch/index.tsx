import { Text, View } from '@tarojs/components';
import type { ScopeChoice } from '../../hooks/useScope';
import { buttonAria } from '../../utils/a11y';
// The switch's pills are styled with the reporting pages, where it first stood.
import '../reporting/ui.css';

/** For someone holding the role in several places: which one the page shows. */
export function ScopeSwitch({ choice }: { choice: Pick<ScopeChoice, 'scopes' | 'current' | 'choose'> }) {
  const { scopes, current, choose } = choice;
  if (scopes.length < 2) return null;
  return (
    <View className='rp-scopes'>
      {scopes.map((scope) => (
        <View
          key={scope.id}
          className={`rp-scope${scope.id === current.id ? ' rp-scope--on' : ''}`}
          onClick={() => scope.id !== current.id && choose(scope.id)}
          {...buttonAria()}
        >
          <Text>{scope.name}</Text>
        </View>
      ))}
    </View>
  );
}
