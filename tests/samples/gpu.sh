#!/bin/bash
JOBOBJ_INTERACTIVE=False
JOBOBJ_APPDEFVERSION=2
JOBOBJ_ARCH=amd64
JOBOBJ_NAE=app-cuda
JOBOBJ_REPO=us-docker.pkg.dev/jarvice-apps/images/app-cuda:latest
JOBOBJ_CTRSECRET=eyJhdXRocyI6eyJ1cy1kb2NrZXIucGtnLmRldiI6eyJhdXRoIjoiYjJGMWRHZ3lZV05qWlhOemRHOXJaVzQ2ZVdFeU9TNXpZVzF3YkdVdGRHOXJaVzQ9In19fQ==
JOBOBJ_DEVICES=[]
JOBOBJ_GPUS=2
JOBOBJ_RAM=64
JOBOBJ_WALLTIME=01:00:00
JOBOBJ_LICENSES=matlab:2
JARVICE_CPU_CORES=16
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
