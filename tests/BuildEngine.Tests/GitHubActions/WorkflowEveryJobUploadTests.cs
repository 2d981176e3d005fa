namespace BuildEngine.Tests;

/// <summary>Files the build writes whatever a job runs (its metrics) leave every job as an artefact, even a failed one.</summary>
public sealed class WorkflowEveryJobUploadTests : BuildFixture
{
    [Test]
    public async Task Every_job_uploads_the_workflow_wide_files_always_and_a_workflow_without_them_adds_no_step()
    {
        var result = await RunAsync(new PermissionBuild(), "--generate-workflows");
        Assert.That(result.ExitCode, Is.Zero, result.ToString);
        var release = new WorkflowDocument(Repository.ReadFile(".github/workflows/release.yml"));
        var ops = new WorkflowDocument(Repository.ReadFile(".github/workflows/ops.yml"));

        var upload = release.StepsUsing("prune", "actions/upload-artifact").Single(step => WorkflowDocument.ScalarOf(step, "name") == "Upload the build's own files");
        var with = WorkflowDocument.PairsOf(WorkflowDocument.MappingOf(upload, "with"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(WorkflowDocument.ScalarOf(upload, "if"), Is.EqualTo("always()"), "a failed run's metrics matter most");
            Assert.That(with["name"], Is.EqualTo("prune-build"));
            Assert.That(with["path"], Is.EqualTo("artifacts/build-metrics.json"));
            Assert.That(ops.AllSteps.Select(step => WorkflowDocument.ScalarOf(step.Step, "name")), Has.None.EqualTo("Upload the build's own files"));
        }
    }
}
