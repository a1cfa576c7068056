// Smart Minutes' recorder: hands the microphone's samples (mono, at the audio context's rate)
// to the page in batches; the page turns the newest few seconds into a WAV piece for the live
// captions.
class CaptionTap extends AudioWorkletProcessor {
  constructor() {
    super();
    this.batch = new Float32Array(4096);
    this.filled = 0;
  }

  process(inputs) {
    var channel = inputs[0] && inputs[0][0];
    if (!channel) { return true; }
    for (var i = 0; i < channel.length; i++) {
      this.batch[this.filled++] = channel[i];
      if (this.filled === this.batch.length) {
        this.port.postMessage(this.batch);
        this.batch = new Float32Array(4096);
        this.filled = 0;
      }
    }
    return true;
  }
}
registerProcessor("caption-tap", CaptionTap);
