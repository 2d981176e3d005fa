using System.Diagnostics;
using Delivery.Rehearsal;

namespace Delivery.Tests.Rehearsal;

public sealed class RehearsalOwnerTests
{
    [Test]
    public void A_running_rehearsal_keeps_its_containers() =>
        Assert.That(RehearsalOwner.IsGone(RehearsalOwner.Current), Is.False);

    [Test]
    public void A_rehearsal_whose_process_ended_left_leftovers()
    {
        using var ended = Process.Start("true")!;
        ended.WaitForExit();
        var @namespace = RehearsalOwner.Current[..RehearsalOwner.Current.LastIndexOf(':')];

        Assert.That(RehearsalOwner.IsGone($"{@namespace}:{ended.Id}"), Is.True);
    }

    [TestCase("pid:[1]:1", false)] // another PID namespace (a rehearsal seen from inside a runner container): left alone
    [TestCase("", true)] // labelled before owners were
    [TestCase("not-an-owner", true)]
    public void Owners_from_elsewhere_are_left_alone_and_unlabelled_ones_are_leftovers(string owner, bool gone) =>
        Assert.That(RehearsalOwner.IsGone(owner), Is.EqualTo(gone));
}
