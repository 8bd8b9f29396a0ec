/** `/work`: the signed-in role's work page (the API checks every call all the same). */
import type { Session } from '../lib/session.ts';
import { Commander } from './Commander.tsx';
import { Inspector } from './Inspector.tsx';
import { OfficeWork } from './OfficeWork.tsx';
import { UnitWork } from './UnitWork.tsx';

export function Work({ who }: { who: Session }) {
  if (who.role === 'commander') return <Commander />;
  if (who.role === 'office')
    return (
      <>
        <OfficeWork />
        <Commander />
      </>
    );
  if (who.role === 'inspector') return <Inspector />;
  return <UnitWork who={who} />;
}
