import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SerialPortInfo } from '#shared/logic/scale/bridge-types';
import { SERIAL_BAUD_RATES } from '#shared/logic/scale/bridge-types';
import { SERIAL_PROTOCOLS } from '#shared/logic/scale/serial-protocols';
import { useRepos } from '../../data/context';
import { useSettingValue } from '../../data/hooks/labels';
import { formatBytes } from '../../lib/format';
import { bridge } from '../../platform/bridge';
import { ScaleLine } from './DevicesPanel';
import { pickHidScale, webHid } from './scale-driver';
import {
  EVIDENCE_SETTINGS_KEY,
  readEvidenceSettings,
  readScaleSettings,
  SCALE_SETTINGS_KEY,
  ScaleSettings,
  type EvidenceSettings,
} from './settings';
import './devices.css';

function ScaleCard() {
  const { t } = useTranslation();
  const repos = useRepos();
  const raw = useSettingValue(SCALE_SETTINGS_KEY);
  const saved = readScaleSettings(raw?.value);
  const [ports, setPorts] = useState<SerialPortInfo[] | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [baud, setBaud] = useState<number | null>(null);
  const [protocol, setProtocol] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const save = async (patch: Partial<ScaleSettings>) => {
    const next = ScaleSettings.safeParse({ ...saved, ...patch });
    if (!next.success) {
      setMessage({ ok: false, text: next.error.issues.map((i) => i.message).join('; ') });
      return;
    }
    await repos.labels.saveSetting(SCALE_SETTINGS_KEY, next.data);
    setMessage({ ok: true, text: t('devices.settings.saved') });
  };
  const serial = {
    path: path ?? saved.serial?.path ?? '',
    baudRate: baud ?? saved.serial?.baudRate ?? 9600,
    protocol: protocol ?? saved.serial?.protocol ?? 'auto',
  };

  return (
    <section className="card devices-settings" data-testid="scale-settings">
      <h2>{t('devices.settings.scale')}</h2>
      <div className="devices-settings__row" role="radiogroup">
        {(['none', 'serial', 'hid'] as const).map((source) => (
          <button
            key={source}
            type="button"
            role="radio"
            aria-checked={saved.source === source}
            data-testid={`scale-source-${source}`}
            className={`big-button${saved.source === source ? ' big-button--active' : ''}`}
            onClick={() => void save({ source })}
          >
            {t(`devices.settings.sources.${source}`)}
          </button>
        ))}
      </div>

      {saved.source === 'serial' ? (
        <form
          className="modal-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ source: 'serial', serial: serial as ScaleSettings['serial'] });
          }}
        >
          <div className="devices-settings__row">
            <button
              type="button"
              className="big-button"
              onClick={() =>
                void bridge()
                  .scale.listPorts({})
                  .then((r) => setPorts(r.ok ? r.value : []))
              }
            >
              {t('devices.settings.findPorts')}
            </button>
            {ports && ports.length === 0 ? <span>{t('devices.settings.noPorts')}</span> : null}
          </div>
          <label>
            {t('devices.settings.port')}
            <input
              className="pack-input mono"
              data-testid="scale-path"
              list="serial-ports"
              value={serial.path}
              placeholder="/dev/ttyUSB0"
              onChange={(e) => setPath(e.target.value)}
            />
            <datalist id="serial-ports">
              {(ports ?? []).map((p) => (
                <option key={p.path} value={p.path}>
                  {p.label}
                </option>
              ))}
            </datalist>
          </label>
          <label>
            {t('devices.settings.baud')}
            <select
              className="pack-input"
              data-testid="scale-baud"
              value={serial.baudRate}
              onChange={(e) => setBaud(Number(e.target.value))}
            >
              {SERIAL_BAUD_RATES.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('devices.settings.protocol')}
            <select
              className="pack-input"
              data-testid="scale-protocol"
              value={serial.protocol}
              onChange={(e) => setProtocol(e.target.value)}
            >
              {SERIAL_PROTOCOLS.map((p) => (
                <option key={p} value={p}>
                  {t(`devices.settings.protocols.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="big-button big-button--primary"
            data-testid="scale-connect"
          >
            {t('devices.settings.connect')}
          </button>
        </form>
      ) : null}

      {saved.source === 'hid' ? (
        <div className="devices-settings__row">
          {webHid() ? (
            <button
              type="button"
              className="big-button big-button--primary"
              onClick={() =>
                void pickHidScale()
                  .then((d) =>
                    d
                      ? save({
                          hid: {
                            vendorId: d.vendorId,
                            productId: d.productId,
                            name: d.productName,
                          },
                        })
                      : undefined,
                  )
                  .catch((cause: unknown) => setMessage({ ok: false, text: String(cause) }))
              }
            >
              {t('devices.settings.pickHid')}
            </button>
          ) : (
            <p className="error-text">{t('devices.settings.noHid')}</p>
          )}
          {saved.hid ? (
            <span>{t('devices.settings.hidChosen', { name: saved.hid.name })}</span>
          ) : null}
        </div>
      ) : null}

      {saved.source !== 'none' ? (
        <>
          <div className="devices-settings__row">
            <strong>{t('devices.settings.test')}:</strong>
            <ScaleLine />
            {saved.source === 'serial' ? (
              <>
                <button
                  type="button"
                  className="big-button"
                  onClick={() =>
                    void bridge()
                      .scale.command({ command: 'tare' })
                      .then((r) => !r.ok && setMessage({ ok: false, text: r.error.message }))
                  }
                >
                  {t('devices.settings.tare')}
                </button>
                <button
                  type="button"
                  className="big-button"
                  onClick={() =>
                    void bridge()
                      .scale.command({ command: 'zero' })
                      .then((r) => !r.ok && setMessage({ ok: false, text: r.error.message }))
                  }
                >
                  {t('devices.settings.zero')}
                </button>
              </>
            ) : null}
          </div>
          <div className="devices-settings__row">
            <label>
              {t('devices.settings.packaging')}
              <input
                className="pack-input"
                type="number"
                min={0}
                max={50000}
                data-testid="scale-packaging"
                defaultValue={saved.packagingGrams}
                key={`pk-${saved.packagingGrams}`}
                onBlur={(e) =>
                  void save({ packagingGrams: Math.max(0, Number(e.target.value) || 0) })
                }
              />
            </label>
            <label>
              {t('devices.settings.unit')}
              <select
                className="pack-input"
                value={saved.unit}
                onChange={(e) => void save({ unit: e.target.value as ScaleSettings['unit'] })}
              >
                {(['g', 'kg', 'oz', 'lb'] as const).map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('devices.settings.wait')}
              <input
                className="pack-input"
                type="number"
                min={0}
                max={30}
                defaultValue={saved.waitMs / 1000}
                key={`w-${saved.waitMs}`}
                onBlur={(e) =>
                  void save({
                    waitMs: Math.round(
                      Math.min(30, Math.max(0, Number(e.target.value) || 0)) * 1000,
                    ),
                  })
                }
              />
            </label>
          </div>
        </>
      ) : null}
      {message ? <p className={message.ok ? 'ok-text' : 'error-text'}>{message.text}</p> : null}
    </section>
  );
}

function CameraCard() {
  const { t } = useTranslation();
  const repos = useRepos();
  const raw = useSettingValue(EVIDENCE_SETTINGS_KEY);
  const saved = readEvidenceSettings(raw?.value);
  const [cameras, setCameras] = useState<MediaDeviceInfo[] | null>(null);
  const [totals, setTotals] = useState<{ count: number; bytes: number } | null>(null);
  useEffect(() => {
    void repos.evidence.totals().then(setTotals);
  }, [repos, raw]);
  const save = (patch: Partial<EvidenceSettings>) =>
    void repos.labels.saveSetting(EVIDENCE_SETTINGS_KEY, { ...saved, ...patch });

  return (
    <section className="card devices-settings" data-testid="camera-settings">
      <h2>{t('devices.settings.camera')}</h2>
      <label className="devices-settings__row">
        <input
          type="checkbox"
          data-testid="camera-enabled"
          checked={saved.enabled}
          onChange={(e) => save({ enabled: e.target.checked })}
        />
        {t('devices.settings.cameraOn')}
      </label>
      <label className="devices-settings__row">
        <input
          type="checkbox"
          checked={saved.onLastScan}
          onChange={(e) => save({ onLastScan: e.target.checked })}
        />
        {t('devices.settings.onLastScan')}
      </label>
      <div className="devices-settings__row">
        <button
          type="button"
          className="big-button"
          onClick={() =>
            void navigator.mediaDevices
              ?.enumerateDevices()
              .then((d) => setCameras(d.filter((x) => x.kind === 'videoinput')))
          }
        >
          {t('devices.settings.findCameras')}
        </button>
        <label>
          {t('devices.settings.cameraDevice')}
          <select
            className="pack-input"
            value={saved.deviceId}
            onChange={(e) => save({ deviceId: e.target.value })}
          >
            <option value="">{t('devices.settings.defaultCamera')}</option>
            {(cameras ?? []).map((c) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label || c.deviceId.slice(0, 12)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('devices.settings.retention')}
          <input
            className="pack-input"
            type="number"
            min={1}
            max={3650}
            defaultValue={saved.retentionDays}
            key={`r-${saved.retentionDays}`}
            onBlur={(e) =>
              save({
                retentionDays: Math.min(3650, Math.max(1, Math.round(Number(e.target.value) || 1))),
              })
            }
          />
        </label>
      </div>
      {totals ? (
        <p>
          {t('devices.settings.stored', { count: totals.count, size: formatBytes(totals.bytes) })}
        </p>
      ) : null}
    </section>
  );
}

/** Settings › Scale and camera. */
export function DevicesSettings() {
  return (
    <>
      <ScaleCard />
      <CameraCard />
    </>
  );
}
