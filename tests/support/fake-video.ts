/**
 * A short Y4M clip (4:2:0) for Chromium's fake camera (`--use-file-for-fake-video-capture`): a
 * bright box on a dark ground, moving a little each frame.
 */
import { writeFileSync } from 'node:fs';

export function writeY4m(path: string, width = 320, height = 240, frames = 10): void {
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`)];
  const box = { top: Math.floor(height / 4), bottom: Math.floor((height * 3) / 4) };
  for (let f = 0; f < frames; f += 1) {
    const y = Buffer.alloc(width * height, 40);
    const left = Math.floor(width / 4) + f * 4;
    const right = Math.floor((width * 5) / 8) + f * 4;
    for (let r = box.top; r < box.bottom; r += 1) y.fill(220, r * width + left, r * width + right);
    const chroma = (width / 2) * (height / 2);
    parts.push(Buffer.from('FRAME\n'), y, Buffer.alloc(chroma, 90), Buffer.alloc(chroma, 160));
  }
  writeFileSync(path, Buffer.concat(parts));
}
