// The test bed is a Linux sshd and Slurm; these tests run nowhere else.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
