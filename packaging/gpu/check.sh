#!/usr/bin/env bash
# Issue 6's GPU check as one command, run from the repository root on the device machine (an H100 or H200 with the
# CUDA 13 libraries and Python, but no .NET and no internet), with the kit of packaging/gpu/build-kit.sh:
#   run(command="bash packaging/gpu/check.sh", carry=[".gpu-bundle", ".gpu-kit"], timeout_s=600)
# It unpacks ONNX Runtime (.gpu-bundle) and tdm (.gpu-kit/tdm.xz), prints the GPU and its driver, then runs:
#   (a) tdm bench devices --arch tiny       CUDA float16 against CPU float32, PASS/FAIL against the stated tolerance
#   (b) tdm models synth --arch sd15        random SD1.5-size weights (5.4 GB) into the cache folder, timed
#   (f) tdm bench devices --arch tiny --size 1024x512 --tile 256, 4 + 8 steps: (a) on frames of 21 latent tiles, with the tiled
#       VAE: CUDA float16 against CPU float32 where tiles are blended and batched (all of a step's tiles at once on CUDA)
#   (g) tdm bench restore --arch sd15 --size 1920x1080, then 3840x2160, 1 frame, 2 + 2 steps, SW-CFA only: issue 10's
#       figures on the GPU (15 and 60 tiles; seconds per megapixel split into VAE / inversion / sampling, GPU memory);
#       UHD's tile batch (60 tiles x 2 guidance halves) is where the out-of-memory fallback would show, in the log
#   (c) tdm bench restore --arch sd15 --size 896x512 --frames 16 --device cuda   the paper's settings: s/frame split
#       into VAE / inversion / sampling, SW-CFA / plain ratio, peak memory
#   (d) tdm bench graphs --arch sd15 --device cuda    per network: build, first and cached load, forward pass
#   (e) the reference implementation's speed on the same card: skipped. It needs diffusers, which the device image
#       does not have (../.library/device/KINDS.md lists its packages; diffusers is not among them) and which cannot
#       be downloaded there; carrying its wheel would not fit beside the bundle. The step only records whether
#       diffusers is importable; the issue's reference figures (H100 0.694 s/frame, H200 0.666) stand in.
# Everything is written to $OUT/gpu-check.log as well as to the terminal. Each step runs under `timeout`, capped by
# its own limit and by what is left of the whole script's budget (GPU_CHECK_BUDGET seconds, default 450), so the
# script ends within the budget plus a few seconds even when a step hangs; a failing step does not stop the next.
#
# Environment:
#   GPU_CHECK_DEVICE=cuda|cpu   cpu: a dry run of the mechanics on a machine without a GPU, at tiny sizes: (a) checks
#                               that CUDA is refused with exit 6, then compares float16 graphs on the CPU instead
#   GPU_CHECK_STEPS="a b f g c d e" the steps to run, always in that order (a rerun of one: GPU_CHECK_STEPS=c)
#   GPU_CHECK_BUDGET=540        seconds for the whole script
#   GPU_CHECK_WORK=/tmp/tdm-gpu-check   unpacked libraries, tdm, the model and graph cache (about 10 GB for sd15)
set -u -o pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
device="${GPU_CHECK_DEVICE:-cuda}"
steps=" ${GPU_CHECK_STEPS:-a b f g c d e} "
budget="${GPU_CHECK_BUDGET:-540}"
work="${GPU_CHECK_WORK:-/tmp/tdm-gpu-check}"
out="${OUT:-$root/artifacts/gpu-check}"
log="$out/gpu-check.log"
mkdir -p "$out" "$work"
: > "$log"
case "$device" in cuda|cpu) ;; *) echo "check.sh: GPU_CHECK_DEVICE must be cuda or cpu, got '$device'" >&2; exit 2 ;; esac

start=$SECONDS
summary=()
failed=0
tdm="$work/bin/tdm"
cache="$work/cache"

# step NAME CAP COMMAND...: runs COMMAND under a timeout of min(CAP, what is left of the budget), logs its exit
# status and time. SIGTERM first (tdm cancels between diffusion steps), SIGKILL 10 s later.
step() {
  local name="$1" cap="$2"; shift 2
  local left=$((budget - (SECONDS - start)))
  local limit=$((cap < left ? cap : left))
  echo
  if [ "$limit" -lt 5 ]; then
    echo "=== [$name] skipped: the budget of ${budget} s is spent"
    summary+=("$(printf '%-28s skipped (budget spent)' "$name")")
    return 0
  fi
  echo "=== [$name] $* (timeout ${limit} s, $((SECONDS - start)) s into the check)"
  local t0=$SECONDS rc
  timeout --kill-after=10 "$limit" "$@"
  rc=$?
  local what="exit $rc"
  [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ] && what="TIMED OUT after ${limit} s (exit $rc)"
  if [ "$rc" -eq "${EXPECT:-0}" ]; then
    [ "$rc" -ne 0 ] && what="$what, as expected"
  else
    failed=$((failed + 1))
  fi
  echo "=== [$name] $what, $((SECONDS - t0)) s"
  summary+=("$(printf '%-28s %-40s %4d s' "$name" "$what" $((SECONDS - t0)))")
  return "$rc"
}

wants() { [[ "$steps" == *" $1 "* ]]; }

unxz_to() { # FILE.xz DEST: xz when present, else Python's lzma (the device image has Python for certain)
  if command -v xz >/dev/null; then xz -dc "$1" > "$2"; else python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"; fi
}

main() {
  echo "TDM GPU check ($device mode), $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "host: $(uname -srm), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) memory, $(df -h "$work" | awk 'NR == 2 {print $4}') free in $work"
  if command -v nvidia-smi >/dev/null; then
    nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv,noheader | sed 's/^/GPU: /'
  else
    echo "GPU: none (nvidia-smi not found)"
  fi
  for f in .gpu-bundle/unpack.sh .gpu-kit/tdm.xz; do
    [ -f "$root/$f" ] || { echo "check.sh: $f is missing: build the kit (packaging/gpu/build-kit.sh) and carry .gpu-bundle and .gpu-kit"; return 1; }
  done

  # Unpacking: ONNX Runtime and its CUDA provider into $work/ort (unpack.sh prints LD_LIBRARY_PATH with this
  # machine's CUDA 13 and cuDNN 9 folders), tdm into $work/bin. tdm opens libonnxruntime.so from that path.
  local t0=$SECONDS exports
  exports="$(bash "$root/.gpu-bundle/unpack.sh" "$work/ort")" || { echo "check.sh: unpacking .gpu-bundle failed"; return 1; }
  eval "$exports"
  export LD_LIBRARY_PATH
  mkdir -p "$work/bin"
  unxz_to "$root/.gpu-kit/tdm.xz" "$tdm" && chmod +x "$tdm" || { echo "check.sh: unpacking tdm failed"; return 1; }
  echo "unpacked in $((SECONDS - t0)) s: $("$tdm" --version); ONNX Runtime in $work/ort: $(ls "$work/ort" | tr "\n" " ")"
  echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

  local arch=sd15 size=896x512 frames=16 tiled="1920x1080 3840x2160"
  [ "$device" = cpu ] && { arch=tiny; size=128x64; frames=2; tiled="640x512"; }

  if wants a; then
    if [ "$device" = cuda ]; then
      step "(a) bench devices tiny" 120 "$tdm" bench devices --arch tiny --cache-dir "$cache"
    else
      EXPECT=6 step "(a) bench devices, no GPU" 30 "$tdm" bench devices --arch tiny --cache-dir "$cache"
      step "(a) bench devices cpu-fp16" 120 "$tdm" bench devices --arch tiny --candidate cpu-fp16 --frames 2 --size 128x64 --cache-dir "$cache"
    fi
  fi
  if wants b; then
    # Written where the bench commands look for their synthesized model (BenchModels: cache/bench-models/ARCH,
    # complete once .complete exists), so (c) and (d) reuse it.
    local model="$cache/bench-models/$arch"
    rm -rf "$model"
    step "(b) models synth $arch" 150 "$tdm" models synth --arch "$arch" --out "$model" && touch "$model/.complete"
    du -sh "$model" 2>/dev/null
  fi
  if wants f; then
    if [ "$device" = cuda ]; then
      step "(f) bench devices tiny tiled" 120 "$tdm" bench devices --arch tiny --size 1024x512 --tile 256 --frames 2 --inversion-steps 4 --steps 8 --cache-dir "$cache"
    else
      step "(f) bench devices tiled cpu-fp16" 120 "$tdm" bench devices --arch tiny --candidate cpu-fp16 --size 640x512 --tile 256 --frames 1 --inversion-steps 1 --steps 1 --cache-dir "$cache"
    fi
  fi
  if wants g; then
    for s in $tiled; do
      step "(g) bench restore $arch $s" 150 "$tdm" bench restore --arch "$arch" --size "$s" --frames 1 --inversion-steps 2 --steps 2 --rounds 1 --sw-cfa-only --device "$device" --cache-dir "$cache"
    done
  fi
  if wants c; then
    step "(c) bench restore $arch" 300 "$tdm" bench restore --arch "$arch" --size "$size" --frames "$frames" --device "$device" --cache-dir "$cache"
  fi
  if wants d; then
    step "(d) bench graphs $arch" 150 "$tdm" bench graphs --arch "$arch" --device "$device" --cache-dir "$cache"
  fi
  if wants e; then
    step "(e) reference (diffusers)" 20 python3 -c 'import importlib.util as u; print("diffusers importable:", u.find_spec("diffusers") is not None, "(the reference timing is not run: see check.sh)")'
  fi

  echo
  echo "=== summary ($device mode, $((SECONDS - start)) s of the ${budget} s budget)"
  printf '%s\n' "${summary[@]}"
  grep -h -E '^(PASS|FAIL): |^SW-CFA \(r=|^plain attention |^SW-CFA / plain|^seconds per megapixel|^tile batch: |^memory: |^peak memory|^wrote a random' "$log"
  echo "$failed step(s) failed; the whole log: $log"
  [ "$failed" -eq 0 ]
}

main 2>&1 | tee -a "$log"
