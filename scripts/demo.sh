#!/usr/bin/env bash
# The README's main job, end to end on a fresh Debian machine:
#   1. scripts/setup.sh (ffmpeg and the build tools from Debian, then the solution's build),
#   2. the default small model: a tiny random-weight SD1.5-shaped model plus ControlNet (tdm models synth),
#   3. a short noisy sample clip made with ffmpeg,
#   4. tdm restore on it,
#   5. the restored video and a side-by-side comparison image (input | output) in ./out/.
# The tiny model has random weights: it proves the whole pipeline runs, it does not restore anything.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh
tdm=src/Tdm.Cli/bin/Release/net10.0/linux-x64/tdm
out=out
model=$out/models/tiny
mkdir -p "$out"

if [ ! -f "$model/model_index.json" ]; then
  echo "demo: synthesizing the default small model into $model"
  "$tdm" models synth --arch tiny --seed 1 --out "$model"
fi

echo "demo: making a sample clip ($out/sample.mp4: 32 frames, 256x128, test pattern plus noise)"
ffmpeg -v error -y -f lavfi -i "testsrc2=size=256x128:rate=24" -vf "noise=alls=48:allf=t+u" -frames:v 32 \
  -c:v libx264 -crf 12 -pix_fmt yuv420p "$out/sample.mp4"

echo "demo: restoring it (tdm restore --task denoise)"
"$tdm" restore "$out/sample.mp4" -o "$out/restored.mp4" --task denoise --model "$model" \
  --device "${TDM_DEVICE:-auto}" --short-side 128 --chunk 16 --overwrite

echo "demo: writing the comparison image (frame 12: input | restored)"
ffmpeg -v error -y -i "$out/sample.mp4" -i "$out/restored.mp4" \
  -filter_complex "[0:v]select=eq(n\,12)[a];[1:v]select=eq(n\,12)[b];[a][b]hstack=inputs=2" \
  -frames:v 1 -update 1 "$out/compare.png"

cat <<MESSAGE

Done. Results:
  restored video:    $out/restored.mp4
  input | restored:  $out/compare.png

The default small model has random weights: it proves that the pipeline (decode, DDIM inversion, SW-CFA
sampling with the ControlNet, decode, encode) runs end to end; its output is not a restoration. For real results
point the command at Stable Diffusion 1.5 and a restoration ControlNet (the TDM weights, or the ControlNet v1.1
"tile" model as a stand-in), for example:

  $tdm restore clip.mp4 -o clean.mp4 --task denoise \\
      --model /path/to/stable-diffusion-v1-5 --controlnet /path/to/tdm-controlnet

(--model is a diffusers folder, with model_index.json, unet/, vae/, text_encoder/, tokenizer/, scheduler/, or a single
.safetensors checkpoint such as v1-5-pruned-emaonly.safetensors with --tokenizer naming a CLIP tokenizer folder;
--controlnet is a diffusers folder or a file such as control_v11f1e_sd15_tile.safetensors. Only .safetensors is
read.) 'tdm models inspect PATH' checks a model; 'tdm restore --help' lists every option.
MESSAGE
