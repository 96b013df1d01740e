#!/bin/bash
JOBOBJ_INTERACTIVE=False
JOBOBJ_APPDEFVERSION=2
JOBOBJ_ARCH=amd64
JOBOBJ_NAE=train
JOBOBJ_REPO=ghcr.io/shared/trainer:2024.06
JOBOBJ_DEVICES=["sbatch_gres=gpu:a100:2","sbatch_comment=nightly training"]
JOBOBJ_GPUS=0
JOBOBJ_RAM=64
JARVICE_CPU_CORES=16
JARVICE_CMD=python3 /app/train.py --epochs 3

{DOWNSTREAM_PARAMETERS}

python3 /app/train.py --epochs 3 && echo JARVICE_CMD_SUCCESS
