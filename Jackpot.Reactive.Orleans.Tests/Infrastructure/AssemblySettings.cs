// The cluster tests share a simulator and clusters, and time their waits against a loaded machine: one at a time.
[assembly: Xunit.v3.Parallelization(Mode = Xunit.Sdk.ParallelMode.None)]
