"""Loudness as the programme streams past: ITU-R BS.1770-4 metering, and a true-peak limiter.

Both work block by block on numpy arrays (float64, full scale 1.0) and keep only what the next
block needs, so a three-hour programme costs a few floats a second, not its PCM:

- :class:`LoudnessMeter` K-weights the signal (the two BS.1770 biquads, applied exactly as an
  FFT convolution with their impulse response, truncated where it has decayed below 1e-12) and
  keeps the energy of every 100 ms; integrated loudness gates 400 ms blocks (75 % overlap)
  absolutely at -70 LUFS and relatively at -10 LU.
- :class:`Limiter` is a lookahead limiter: the gain needed to keep every true peak under the
  ceiling is held, ramped in over the lookahead before the peak and out after it (a sliding
  minimum followed by a moving average of the same length, which can never let a peak
  through). Its output is delayed internally but aligned: sample n out is sample n in.

numpy is imported by the functions that use it, so importing this module costs nothing.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

ABSOLUTE_GATE = -70.0
RELATIVE_GATE = -10.0
OVERSAMPLE = 2
"""The limiter's peak detector looks at every sample and the point halfway to the next (12-tap
Kaiser-windowed sinc): 2x oversampling, within a fraction of a dB of BS.1770's 4x for speech;
the limiter's ceiling leaves the margin, and tests check the MP3 with ffmpeg's 4x meter."""
TAPS_PER_PHASE = 12
BLOCK = 1 << 15
"""Samples processed at a time (FFT size of the meter; the limiter's step)."""
GAIN_BLOCK = 32
"""Samples per limiter gain value (1.5 ms at 22.05 kHz)."""


def k_weighting(sample_rate: int) -> tuple[tuple[float, ...], ...]:
    """The two K-weighting biquads (b0, b1, b2, a1, a2) at ``sample_rate``.

    Derived from the analogue prototype as libebur128 does, so 48 kHz gives BS.1770's table.
    """
    f0, gain_db, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / sample_rate)
    vh = 10 ** (gain_db / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf = (
        (vh + vb * k / q + k * k) / a0,
        2 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0,
        2 * (k * k - 1) / a0,
        (1 - k / q + k * k) / a0,
    )
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / sample_rate)
    a0 = 1 + k / q + k * k
    highpass = (1.0, -2.0, 1.0, 2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    return shelf, highpass


def impulse_response(sample_rate: int, tolerance: float = 1e-12) -> np.ndarray:
    """The K-weighting filter's impulse response, until its energy left is below ``tolerance``."""
    import numpy as np

    n = 1 << 15
    x = np.zeros(n)
    x[0] = 1.0
    for b0, b1, b2, a1, a2 in k_weighting(sample_rate):
        y = np.zeros(n)
        x1 = x2 = y1 = y2 = 0.0
        for i in range(n):  # runs once per sample rate, 32k steps
            xi = x[i]
            yi = b0 * xi + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            x2, x1, y2, y1 = x1, xi, y1, yi
            y[i] = yi
            if i > 64 and abs(yi) < 1e-18 and abs(y1) < 1e-18:
                break
        x = y
    tail = np.cumsum((x**2)[::-1])[::-1]
    keep = int(np.argmax(tail < tolerance)) or n
    return x[:keep]


_RESPONSES: dict[int, Any] = {}


def _response(sample_rate: int) -> np.ndarray:
    if sample_rate not in _RESPONSES:
        _RESPONSES[sample_rate] = impulse_response(sample_rate)
    return _RESPONSES[sample_rate]


_INTERPOLATOR: list[Any] = []


def _interpolator() -> np.ndarray:
    """(OVERSAMPLE - 1, TAPS_PER_PHASE) polyphase FIR for the in-between points (Kaiser sinc),
    float32, reversed for np.convolve."""
    import numpy as np

    if _INTERPOLATOR:
        return _INTERPOLATOR[0]

    half = TAPS_PER_PHASE // 2
    phases = []
    for p in range(1, OVERSAMPLE):
        t = np.arange(-half + 1, half + 1) - p / OVERSAMPLE
        window = np.kaiser(TAPS_PER_PHASE, 5.0)
        taps = np.sinc(t) * window
        phases.append(taps / taps.sum())
    _INTERPOLATOR.append(np.array(phases, dtype=np.float32)[:, ::-1].copy())
    return _INTERPOLATOR[0]


def true_peaks(x: np.ndarray, history: np.ndarray) -> np.ndarray:
    """Per sample, the largest magnitude of it and the oversampled points just before it.

    ``history`` is the TAPS_PER_PHASE samples before ``x`` (zeros at the start); a point between
    samples n-1 and n needs samples up to n + TAPS_PER_PHASE/2 - 1, so the last few values lean
    on zeros: callers that need them exact hold those samples back.
    """
    import numpy as np

    padded = np.concatenate([history, x, np.zeros(TAPS_PER_PHASE // 2, dtype=x.dtype)])
    peak = np.abs(x)
    for taps in _interpolator():
        # point between samples n-1 and n uses samples n-half .. n+half-1
        between = np.convolve(padded, taps, mode="valid")
        start = TAPS_PER_PHASE // 2
        peak = np.maximum(peak, np.abs(between[start : start + len(x)]))
    return peak


class LoudnessMeter:
    """Integrated loudness (LUFS) and true peak of a mono stream, fed block by block."""

    def __init__(self, sample_rate: int) -> None:
        import numpy as np

        self.sample_rate = sample_rate
        self._h = _response(sample_rate)
        if len(self._h) >= BLOCK // 2:
            raise ValueError(f"K-weighting response too long at {sample_rate} Hz")
        self._tail = np.zeros(len(self._h) - 1, dtype=np.float32)
        self._hop = sample_rate // 10
        self._partial = 0.0
        self._partial_n = 0
        self._energies: list[float] = []
        self._peak = 0.0
        self._h_spectra: dict[int, Any] = {}
        self.samples = 0

    def feed(self, x: np.ndarray) -> None:
        """Add samples (float, full scale 1.0)."""
        step = BLOCK - len(self._h)
        for i in range(0, len(x), step):  # fixed-size FFTs: fast, and memory stays small
            self._feed(x[i : i + step])

    def _feed(self, x: np.ndarray) -> None:
        import numpy as np

        if not len(x):
            return
        n = len(x)
        self.samples += n
        self._peak = max(self._peak, float(np.abs(x).max()))
        block = np.concatenate([self._tail, x])
        size = BLOCK
        self._tail = block[-(len(self._h) - 1) :]
        if not block.any():  # silence, and the filter's memory of sound has run out
            squares = np.zeros(n)
        else:
            if size not in self._h_spectra:
                self._h_spectra[size] = np.fft.rfft(self._h.astype(np.float32), size)
            spectrum = np.fft.rfft(block.astype(np.float32), size) * self._h_spectra[size]
            y = np.fft.irfft(spectrum, size)[len(block) - n : len(block)].astype(np.float64)
            squares = y * y
        pos = 0
        if self._partial_n:
            take = min(n, self._hop - self._partial_n)
            self._partial += float(squares[:take].sum())
            self._partial_n += take
            pos = take
            if self._partial_n == self._hop:
                self._energies.append(self._partial / self._hop)
                self._partial, self._partial_n = 0.0, 0
        whole = (n - pos) // self._hop
        if whole:
            sums = squares[pos : pos + whole * self._hop].reshape(whole, self._hop).mean(axis=1)
            self._energies.extend(sums.tolist())
            pos += whole * self._hop
        if pos < n:
            self._partial += float(squares[pos:].sum())
            self._partial_n += n - pos

    def feed_silence(self, n: int) -> None:
        """Add ``n`` samples of digital silence."""
        import numpy as np

        step = self.sample_rate * 10
        while n > 0:
            self.feed(np.zeros(min(n, step)))
            n -= step

    @property
    def peak_db(self) -> float:
        """Largest sample peak so far, dBFS (-inf for silence); the limiter keeps true peaks."""
        return 20 * math.log10(self._peak) if self._peak > 0 else -math.inf

    def integrated(self) -> float | None:
        """Gated integrated loudness so far, LUFS; None when nothing passes the gate."""
        return integrated_loudness(self._energies)


def integrated_loudness(energies: list[float]) -> float | None:
    """BS.1770 integrated loudness from the mean square of consecutive 100 ms hops."""
    import numpy as np

    e = np.asarray(energies)
    if len(e) < 4:
        return None
    blocks = (e[:-3] + e[1:-2] + e[2:-1] + e[3:]) / 4
    with np.errstate(divide="ignore"):
        loud = -0.691 + 10 * np.log10(blocks)
    kept = blocks[loud > ABSOLUTE_GATE]
    if not len(kept):
        return None
    relative = -0.691 + 10 * math.log10(float(kept.mean())) + RELATIVE_GATE
    kept = blocks[(loud > ABSOLUTE_GATE) & (loud > relative)]
    return -0.691 + 10 * math.log10(float(kept.mean())) if len(kept) else None


def _sliding_min(r: np.ndarray, width: int) -> np.ndarray:
    """out[i] = min(r[i : i + width]) for i in 0 .. len(r) - width (van Herk / Gil-Werman)."""
    import numpy as np

    n = len(r)
    m = -(-n // width) * width
    padded = np.concatenate([r, np.ones(m - n, dtype=r.dtype)]).reshape(-1, width)
    prefix = np.minimum.accumulate(padded, axis=1).ravel()
    suffix = np.minimum.accumulate(padded[:, ::-1], axis=1)[:, ::-1].ravel()
    count = n - width + 1
    return np.minimum(suffix[:count], prefix[width - 1 : width - 1 + count])


class Limiter:
    """Keeps every true peak at or under ``ceiling_db`` dBTP with a lookahead, block by block.

    The gain is computed per block of :data:`GAIN_BLOCK` samples (the largest true peak in it)
    and interpolated linearly between block centres: a block's gain, and its neighbours', are
    each at most what the block needs, so no interpolated gain lets a peak through. A pass
    over the audio costs the peak detector, one interpolation and one multiplication.
    """

    def __init__(
        self, sample_rate: int, ceiling_db: float, attack_ms: float = 5.0, hold_ms: float = 20.0
    ) -> None:
        import numpy as np

        self.ceiling = 10 ** (ceiling_db / 20)
        self.mb = max(1, math.ceil(sample_rate * attack_ms / 1000 / GAIN_BLOCK))
        self.hb = math.ceil(sample_rate * hold_ms / 1000 / GAIN_BLOCK)
        self.latency = (self.mb + 2) * GAIN_BLOCK + TAPS_PER_PHASE // 2
        self.history = (self.hb + self.mb + 4) * GAIN_BLOCK + TAPS_PER_PHASE
        self._buf = np.zeros(self.history, dtype=np.float32)  # history, then not yet output
        self._out_from = self.history
        self._abs = -self.history
        """Position in the stream of ``_buf[0]`` (blocks are aligned to the stream)."""
        self.bound = max(1.0, float(np.abs(_interpolator()).sum(axis=1).max()))
        """No oversampled point exceeds the largest nearby sample times this."""
        self.limited = 0
        """Samples whose gain was reduced."""

    def feed(self, x: np.ndarray) -> np.ndarray:
        """Take samples in; return as many (or fewer) limited samples, in order."""
        import numpy as np

        if len(x) <= BLOCK:
            return self._feed(x)
        return np.concatenate([self._feed(x[i : i + BLOCK]) for i in range(0, len(x), BLOCK)])

    def _feed(self, x: np.ndarray) -> np.ndarray:
        import numpy as np

        buf = np.concatenate([self._buf, x.astype(np.float32, copy=False)])
        ready = len(buf) - self.latency
        out = self._process(buf, ready)
        keep_from = max(0, ready - self.history)
        self._buf = buf[keep_from:]
        self._abs += keep_from
        self._out_from = ready - keep_from
        return out

    def flush(self) -> np.ndarray:
        """The samples still held back."""
        import numpy as np

        pending = len(self._buf) - self._out_from
        buf = np.concatenate([self._buf, np.zeros(self.latency, dtype=np.float32)])
        out = self._process(buf, self._out_from + pending)
        self._buf = np.zeros(self.history, dtype=np.float32)
        self._out_from = self.history
        self._abs = -self.history
        return out

    def _process(self, buf: np.ndarray, ready: int) -> np.ndarray:
        import numpy as np

        start = self._out_from
        if ready <= start:
            return buf[:0].copy()
        reach = (self.hb + self.mb + 3) * GAIN_BLOCK
        window = buf[max(0, start - reach) : ready + self.latency]
        if float(np.abs(window).max()) * self.bound <= self.ceiling:
            return buf[start:ready].copy()  # no true peak can reach the ceiling
        tp = true_peaks(buf, np.zeros(TAPS_PER_PHASE, dtype=buf.dtype))
        b = GAIN_BLOCK
        off = (-self._abs) % b  # first block boundary in buf
        nb = -(-(len(buf) - off) // b)
        peaks = np.zeros(nb * b, dtype=np.float32)
        peaks[: len(buf) - off] = tp[off:]
        need = np.minimum(1.0, self.ceiling / np.maximum(peaks.reshape(nb, b).max(axis=1), 1e-9))
        # g1[i] = min(need[i - hb - 1 .. i + mb]) for i in [-mb, nb); out of range: 1
        padded = np.concatenate([np.ones(self.hb + 1 + self.mb), need, np.ones(self.mb)])
        g1 = _sliding_min(padded, self.hb + self.mb + 2)
        c = np.concatenate([[0.0], np.cumsum(g1)])
        j = np.arange(nb)
        gain = (c[j + self.mb + 1] - c[j + 1]) / self.mb  # mean(g1[j - mb + 1 .. j])
        centres = off + j * b + (b - 1) / 2
        g = np.interp(np.arange(start, ready), centres, gain).astype(np.float32)
        self.limited += int((g < 1.0).sum())
        return buf[start:ready] * g
