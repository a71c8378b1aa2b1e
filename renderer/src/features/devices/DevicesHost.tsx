import { useEffect, useMemo } from 'react';
import { useRepos } from '../../data/context';
import { useSettingValue } from '../../data/hooks/labels';
import { devicesRuntimeFor } from './runtime';
import { startScale } from './scale-driver';
import {
  EVIDENCE_SETTINGS_KEY,
  readEvidenceSettings,
  readScaleSettings,
  SCALE_SETTINGS_KEY,
} from './settings';

/**
 * Mount once (in the Shell): connects the configured scale, starts the camera when evidence is
 * on, and registers the weight check and the last-scan photo. Renders nothing.
 */
export function DevicesHost() {
  const repos = useRepos();
  const scaleRaw = useSettingValue(SCALE_SETTINGS_KEY);
  const evidenceRaw = useSettingValue(EVIDENCE_SETTINGS_KEY);
  const scaleKey = scaleRaw ? JSON.stringify(readScaleSettings(scaleRaw.value)) : null;
  const evidenceKey = evidenceRaw ? JSON.stringify(readEvidenceSettings(evidenceRaw.value)) : null;
  const runtime = useMemo(() => devicesRuntimeFor(repos), [repos]);

  useEffect(() => runtime.start(), [runtime]);
  useEffect(() => {
    if (scaleKey === null) return;
    return startScale(readScaleSettings(JSON.parse(scaleKey)));
  }, [scaleKey]);
  useEffect(() => {
    if (evidenceKey === null) return;
    void runtime.startCamera(readEvidenceSettings(JSON.parse(evidenceKey)));
  }, [evidenceKey, runtime]);
  useEffect(() => () => runtime.stopCamera(), [runtime]);
  return null;
}
