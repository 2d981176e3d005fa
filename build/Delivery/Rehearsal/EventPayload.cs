using System.Text.Json.Nodes;

namespace Delivery.Rehearsal;

/// <summary>
/// The webhook payload GitHub writes to GITHUB_EVENT_PATH (and github.event) for the rehearsed event, with the
/// fields this project's workflows and build read: ref, before/after, repository (default_branch), the pull
/// request's head and base (head.repo.full_name tells a fork), the schedule, dispatch inputs.
/// </summary>
public static class EventPayload
{
    public const string Actor = "rehearsal";

    public static JsonObject For(RehearsalRequest request, RehearsalRepository repository, string? schedule, JsonObject inputs)
    {
        var payload = new JsonObject
        {
            ["repository"] = Repository(repository, repository.FullName),
            ["sender"] = new JsonObject { ["login"] = Actor, ["type"] = "User" },
        };
        switch (request.EventName)
        {
            case "push":
                payload["ref"] = repository.Ref;
                payload["before"] = new string('0', 40);
                payload["after"] = repository.Sha;
                payload["created"] = true;
                payload["deleted"] = false;
                payload["forced"] = false;
                payload["base_ref"] = null;
                payload["pusher"] = new JsonObject { ["name"] = Actor };
                payload["head_commit"] = new JsonObject { ["id"] = repository.Sha };
                break;
            case "pull_request":
                var headRepository = request.Fork ? $"contributor/{repository.Name}" : repository.FullName;
                payload["action"] = "synchronize";
                payload["number"] = RehearsalRepository.PullRequestNumber;
                payload["pull_request"] = new JsonObject
                {
                    ["number"] = RehearsalRepository.PullRequestNumber,
                    ["state"] = "open",
                    ["draft"] = false,
                    ["merged"] = false,
                    ["title"] = $"Rehearsal of {repository.HeadRef}",
                    ["head"] = new JsonObject
                    {
                        ["ref"] = request.Ref.Name,
                        ["sha"] = repository.HeadSha,
                        ["label"] = $"{headRepository.Split('/')[0]}:{request.Ref.Name}",
                        ["repo"] = Repository(repository, headRepository),
                    },
                    ["base"] = new JsonObject
                    {
                        ["ref"] = repository.DefaultBranch,
                        ["sha"] = repository.BaseSha,
                        ["label"] = $"{repository.Owner}:{repository.DefaultBranch}",
                        ["repo"] = Repository(repository, repository.FullName),
                    },
                };
                break;
            case "schedule":
                payload["schedule"] = schedule;
                break;
            case "workflow_dispatch":
                payload["ref"] = repository.Ref;
                payload["inputs"] = inputs.DeepClone();
                break;
        }

        return payload;
    }

    private static JsonObject Repository(RehearsalRepository repository, string fullName) => new()
    {
        ["name"] = fullName.Split('/')[1],
        ["full_name"] = fullName,
        ["owner"] = new JsonObject { ["login"] = fullName.Split('/')[0] },
        ["default_branch"] = repository.DefaultBranch,
        ["private"] = false,
        ["fork"] = fullName != repository.FullName,
    };
}
