#!/bin/bash
JOBOBJ_INTERACTIVE=False
JOBOBJ_APPDEFVERSION=2
JOBOBJ_ARCH=amd64
JOBOBJ_NAE=app-batch
JOBOBJ_REPO=us-docker.pkg.dev/jarvice-apps/images/app-batch:latest
JOBOBJ_CTRSECRET=
JOBOBJ_DEVICES=[]
JOBOBJ_GPUS=0
JOBOBJ_RAM=16
JOBOBJ_WALLTIME=01:00:00
JARVICE_CPU_CORES=4
JARVICE_CMD='echo "it'\''s running on $(hostname)"'

{DOWNSTREAM_PARAMETERS}

# A shortened stand-in for the upstream's singularity logic: it keeps the shape (doubled braces,
# single quotes, the success marker) without pulling images.
jobdir="${{JARVICE_JOB_SCRATCH_DIR}}.jarvice/jobs/${{JOB_JOBID}}"
mkdir -p "$jobdir"
echo 'Node '"$PROCESS_NODENAME"' runs the app command'
if bash -c "$JARVICE_CMD"; then
  /bin/echo JARVICE_CMD_SUCCESS
else
  /bin/echo JARVICE_CMD_FAILURE
fi
