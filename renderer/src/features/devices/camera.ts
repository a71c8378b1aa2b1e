/**
 * The bench camera: one getUserMedia stream kept open while evidence is on, and still photos
 * taken from it (a frame drawn to a canvas, JPEG). Hands-free: the after-pack listener takes the
 * open-box photo at the last scan.
 */

export interface Photo {
  data: ArrayBuffer;
  mime: string;
  width: number;
  height: number;
}

export type CameraError =
  | { code: 'no-camera'; message: string }
  | { code: 'denied'; message: string }
  | { code: 'busy'; message: string }
  | { code: 'capture-failed'; message: string };

export interface Camera {
  start(deviceId: string, width: number): Promise<{ ok: true } | { ok: false; error: CameraError }>;
  stop(): void;
  running(): boolean;
  /** The live stream, for a preview. */
  stream(): MediaStream | null;
  capture(): Promise<{ ok: true; value: Photo } | { ok: false; error: CameraError }>;
}

function cameraError(cause: unknown): CameraError {
  const name = (cause as { name?: string } | null)?.name ?? '';
  const message = cause instanceof Error ? cause.message : String(cause);
  if (name === 'NotAllowedError' || name === 'SecurityError') return { code: 'denied', message };
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return { code: 'no-camera', message };
  }
  if (name === 'NotReadableError' || name === 'AbortError') return { code: 'busy', message };
  return { code: 'capture-failed', message };
}

export function createCamera(): Camera {
  let media: MediaStream | null = null;
  let video: HTMLVideoElement | null = null;

  const camera: Camera = {
    async start(deviceId, width) {
      camera.stop();
      if (!navigator.mediaDevices?.getUserMedia) {
        return { ok: false, error: { code: 'no-camera', message: 'No camera API here' } };
      }
      try {
        media = await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: {
            width: { ideal: width },
            ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
          },
        });
      } catch (cause) {
        return { ok: false, error: cameraError(cause) };
      }
      video = document.createElement('video');
      video.muted = true;
      video.playsInline = true;
      video.srcObject = media;
      try {
        await video.play();
      } catch (cause) {
        camera.stop();
        return { ok: false, error: cameraError(cause) };
      }
      return { ok: true };
    },
    stop() {
      for (const t of media?.getTracks() ?? []) t.stop();
      media = null;
      if (video) video.srcObject = null;
      video = null;
    },
    running: () => media !== null && media.getVideoTracks().some((t) => t.readyState === 'live'),
    stream: () => media,
    async capture() {
      const v = video;
      if (!v || !camera.running()) {
        return { ok: false, error: { code: 'no-camera', message: 'The camera is not running' } };
      }
      if (v.videoWidth === 0) {
        // The first frame has not arrived yet.
        await new Promise<void>((resolve) => {
          const done = () => resolve();
          v.addEventListener('loadeddata', done, { once: true });
          setTimeout(done, 2000);
        });
      }
      const width = v.videoWidth;
      const height = v.videoHeight;
      if (width === 0 || height === 0) {
        return {
          ok: false,
          error: { code: 'capture-failed', message: 'No frame from the camera' },
        };
      }
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d');
      if (!ctx) return { ok: false, error: { code: 'capture-failed', message: 'No 2D canvas' } };
      ctx.drawImage(v, 0, 0, width, height);
      const blob = await new Promise<Blob | null>((resolve) =>
        canvas.toBlob(resolve, 'image/jpeg', 0.82),
      );
      if (!blob) {
        return { ok: false, error: { code: 'capture-failed', message: 'JPEG encoding failed' } };
      }
      return {
        ok: true,
        value: { data: await blob.arrayBuffer(), mime: 'image/jpeg', width, height },
      };
    },
  };
  return camera;
}
