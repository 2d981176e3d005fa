namespace GitHubStandIn;

/// <summary>What the stand-ins' access check made of a request, as the request log records it.</summary>
public enum AccessOutcome
{
    /// <summary>Nothing to check: no token was ever issued (the stub's default), or the route needs no scope.</summary>
    NotChecked,

    /// <summary>The token holds the scope the route needs, for the route's repository or owner.</summary>
    Granted,

    /// <summary>403: the token lacks the scope, or the resource belongs to another repository.</summary>
    Refused,

    /// <summary>401: no token where one is needed.</summary>
    Unauthenticated,

    /// <summary>401: a token the stand-in never issued, or one revoked.</summary>
    BadCredentials,

    /// <summary>
    /// 401 with a Bearer challenge from the registry: its ordinary login step (the first request of every client, or a
    /// registry token that lacks a scope the GITHUB_TOKEN allows), after which the client comes back with a token. Not a refusal.
    /// </summary>
    Challenged,
}
