import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSupervisorPinSet } from '../../data/hooks/packing';
import { useRepos } from '../../data/context';
import { cues } from '../../lib/sounds';
import {
  getSessionState,
  useSessionActions,
  useSoundVolume,
  useStationId,
} from '../../stores/session-store';

/** Settings of the pack station: sound volume, station id, supervisor PIN (stored hashed). */
export function PackingSettings() {
  const { t } = useTranslation();
  const repos = useRepos();
  const volume = useSoundVolume();
  const stationId = useStationId();
  const { soundVolumeSet, stationIdSet } = useSessionActions();
  const pinSet = useSupervisorPinSet();
  const [station, setStation] = useState(stationId);
  const [pin, setPin] = useState('');
  const [pinMessage, setPinMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <section className="card" data-testid="packing-settings">
      <h2>{t('packing.settings.title')}</h2>
      <div className="modal-form">
        <label>
          {t('packing.settings.volume', { pct: Math.round(volume * 100) })}
          <input
            type="range"
            min={0}
            max={100}
            value={Math.round(volume * 100)}
            onChange={(e) => soundVolumeSet(Number(e.target.value) / 100)}
          />
        </label>
        <div className="button-row">
          {(['success', 'error', 'complete'] as const).map((cue) => (
            <button
              key={cue}
              type="button"
              className="big-button"
              onClick={() => cues.play(cue, getSessionState().soundVolume)}
            >
              {t(`packing.settings.try.${cue}`)}
            </button>
          ))}
        </div>
        <form
          className="pack-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            stationIdSet(station);
          }}
        >
          <label>
            {t('packing.settings.station')}
            <input
              className="pack-input"
              value={station}
              onChange={(e) => setStation(e.target.value)}
            />
          </label>
          <button type="submit" className="big-button">
            {t('packing.settings.save')}
          </button>
        </form>
        <form
          className="pack-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const s = getSessionState();
            void repos.packing
              .setSupervisorPin(pin, {
                packer: s.operator?.name ?? 'settings',
                station: s.stationId,
                now: Date.now(),
              })
              .then((r) => {
                setPin('');
                setPinMessage(
                  r.ok
                    ? { ok: true, text: t('packing.settings.pinSaved') }
                    : { ok: false, text: t('packing.settings.pinInvalid') },
                );
              });
          }}
        >
          <label>
            {pinSet ? t('packing.settings.pinChange') : t('packing.settings.pinSet')}
            <input
              className="pack-input"
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
          </label>
          <button type="submit" className="big-button">
            {t('packing.settings.save')}
          </button>
        </form>
        {pinMessage ? (
          <p className={pinMessage.ok ? 'ok-text' : 'error-text'}>{pinMessage.text}</p>
        ) : null}
      </div>
    </section>
  );
}
