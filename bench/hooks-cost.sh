#!/usr/bin/env bash
# What one compiled pre-submit hook adds to a Slurm submit, in process (the login node a stub answering sbatch at
# once, so only Dssr's own work is timed): p50 without hooks and with one, in alternating rounds of the same run,
# and the hook's first compile and cached load. Goal: under 2 ms added at p50. Exit 1 when the goal is missed.
# Usage: bench/hooks-cost.sh [rounds]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project bench/Dssr.Bench.Hooks -c Release -- "${1:-2000}"
