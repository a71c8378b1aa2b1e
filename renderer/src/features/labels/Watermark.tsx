/**
 * The diagonal practice watermark, behind the content; barcodes paint over it in white. A text of
 * the form "HEAD — rest" prints as a large first line and a smaller second one.
 */
export function Watermark({ text }: { text: string }) {
  const [head, ...rest] = text.split(' — ');
  return (
    <div className="pb-watermark" aria-hidden="true" data-watermark="practice">
      <div>
        <span>{head}</span>
        {rest.length > 0 && <span>{rest.join(' — ')}</span>}
      </div>
    </div>
  );
}
