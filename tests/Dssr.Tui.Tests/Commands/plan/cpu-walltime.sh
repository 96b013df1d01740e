#!/bin/bash
JOBOBJ_INTERACTIVE=False
JOBOBJ_APPDEFVERSION=2
JOBOBJ_ARCH=amd64
JOBOBJ_NAE=solver-batch
JOBOBJ_REPO=us-docker.pkg.dev/jarvice-apps/images/solver:4.1
JOBOBJ_DEVICES=["partition=batch","exclusive=False"]
JOBOBJ_GPUS=0
JOBOBJ_RAM=16
JOBOBJ_WALLTIME=72:00:00
JARVICE_CPU_CORES=8
JARVICE_CMD=/opt/solver/bin/run --input /data/case.dat

{DOWNSTREAM_PARAMETERS}

/opt/solver/bin/run --input /data/case.dat && echo JARVICE_CMD_SUCCESS
