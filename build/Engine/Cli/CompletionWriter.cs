using System.Text;

namespace BuildEngine;

/// <summary>
/// <c>--completion bash|zsh|pwsh</c>: a script that completes target names (before the first option and after
/// <c>--target</c>, <c>--skip</c> and <c>--help</c>), <c>--kebab-case</c> options, and the values of enum options after the
/// option. The lists are baked into the script, so a completion costs no build start; regenerate after adding targets.
/// </summary>
internal static class CompletionWriter
{
    private static readonly string[] TargetOptions = [nameof(BuiltInOptions.Target), nameof(BuiltInOptions.Skip), nameof(BuiltInOptions.Help)];

    public static string Render(CompletionShell shell, IReadOnlyList<ExecutableTarget> targets, IReadOnlyList<ParameterMember> parameters)
    {
        var targetNames = targets.Where(target => target.IsListed).Select(target => target.Name).Order(StringComparer.Ordinal).ToList();
        // Secrets are refused on the command line, so they are not offered there.
        var options = parameters.Where(parameter => !parameter.IsSecret).OrderBy(parameter => parameter.CliName, StringComparer.Ordinal).ToList();
        var values = options
            .Select(option => (option.CliName, Values: TargetOptions.Contains(option.Name) ? targetNames : ValueConverter.AllowedValues(option.Type)))
            .Where(option => option.Values is not null)
            .Select(option => (option.CliName, Values: (IReadOnlyList<string>)option.Values!))
            .ToList();
        var optionNames = options.Select(option => option.CliName).ToList();
        return shell switch
        {
            CompletionShell.Bash => Bash(targetNames, optionNames, values),
            CompletionShell.Zsh => Zsh(targetNames, optionNames, values),
            _ => Pwsh(targetNames, optionNames, values),
        };
    }

    private static string Bash(List<string> targets, List<string> options, List<(string Option, IReadOnlyList<string> Values)> values)
    {
        var text = new StringBuilder();
        text.AppendLine("# bash completion for ./build.sh: source <(./build.sh --completion bash), or save it under ~/.local/share/bash-completion/completions/build.sh");
        text.AppendLine("_build_sh_complete() {");
        text.AppendLine("    local cur=\"${COMP_WORDS[COMP_CWORD]}\" option=\"\" i words");
        text.AppendLine("    # The option whose values are being typed: the nearest --name before the cursor (none: target names).");
        text.AppendLine("    for ((i = COMP_CWORD - 1; i > 0; i--)); do");
        text.AppendLine("        if [[ \"${COMP_WORDS[i]}\" == --* ]]; then option=\"${COMP_WORDS[i]}\"; break; fi");
        text.AppendLine("    done");
        text.AppendLine("    if [[ \"$cur\" == -* ]]; then");
        text.AppendLine($"        words=\"{string.Join(' ', options)}\"");
        text.AppendLine("    else");
        text.AppendLine("        case \"$option\" in");
        text.AppendLine($"            \"\") words=\"{string.Join(' ', targets)}\" ;;");
        foreach (var (option, optionValues) in values)
        {
            text.AppendLine($"            {option}) words=\"{string.Join(' ', optionValues)}\" ;;");
        }

        text.AppendLine("            *) COMPREPLY=(); return ;;");
        text.AppendLine("        esac");
        text.AppendLine("    fi");
        text.AppendLine("    mapfile -t COMPREPLY < <(compgen -W \"$words\" -- \"$cur\")");
        text.AppendLine("}");
        text.AppendLine("# -o default: the values of other options (paths, names) fall back to file names.");
        text.AppendLine("complete -o default -F _build_sh_complete build.sh ./build.sh");
        return text.ToString();
    }

    private static string Zsh(List<string> targets, List<string> options, List<(string Option, IReadOnlyList<string> Values)> values)
    {
        var text = new StringBuilder();
        text.AppendLine("#compdef build.sh");
        text.AppendLine("# zsh completion for ./build.sh: source <(./build.sh --completion zsh) after compinit");
        text.AppendLine("_build_sh() {");
        text.AppendLine("    local option=\"\" i");
        text.AppendLine("    for ((i = CURRENT - 1; i > 1; i--)); do");
        text.AppendLine("        if [[ \"${words[i]}\" == --* ]]; then option=\"${words[i]}\"; break; fi");
        text.AppendLine("    done");
        text.AppendLine("    if [[ \"${words[CURRENT]}\" == -* ]]; then");
        text.AppendLine($"        compadd -- {string.Join(' ', options)}");
        text.AppendLine("        return");
        text.AppendLine("    fi");
        text.AppendLine("    case \"$option\" in");
        text.AppendLine($"        \"\") compadd -- {string.Join(' ', targets)} ;;");
        foreach (var (option, optionValues) in values)
        {
            text.AppendLine($"        {option}) compadd -- {string.Join(' ', optionValues)} ;;");
        }

        text.AppendLine("        *) _files ;;");
        text.AppendLine("    esac");
        text.AppendLine("}");
        text.AppendLine("compdef _build_sh build.sh ./build.sh");
        return text.ToString();
    }

    private static string Pwsh(List<string> targets, List<string> options, List<(string Option, IReadOnlyList<string> Values)> values)
    {
        static string List(IEnumerable<string> items) => "@(" + string.Join(", ", items.Select(item => $"'{item}'")) + ")";

        var text = new StringBuilder();
        text.AppendLine("# PowerShell completion for ./build.ps1 and ./build.sh: ./build.ps1 --completion pwsh | Out-String | Invoke-Expression");
        text.AppendLine("Register-ArgumentCompleter -Native -CommandName 'build.ps1', './build.ps1', 'build.sh', './build.sh' -ScriptBlock {");
        text.AppendLine("    param($wordToComplete, $commandAst, $cursorPosition)");
        text.AppendLine($"    $targets = {List(targets)}");
        text.AppendLine($"    $options = {List(options)}");
        text.AppendLine("    $values = @{");
        foreach (var (option, optionValues) in values)
        {
            text.AppendLine($"        '{option}' = {List(optionValues)}");
        }

        text.AppendLine("    }");
        text.AppendLine("    # The words before the one being completed; the nearest --name among them takes the values.");
        text.AppendLine("    $before = @($commandAst.CommandElements | Select-Object -Skip 1 | Where-Object { $_.Extent.EndOffset -lt $cursorPosition } | ForEach-Object { $_.ToString() })");
        text.AppendLine("    $option = @($before | Where-Object { $_.StartsWith('--') } | Select-Object -Last 1)");
        text.AppendLine("    if ($wordToComplete.StartsWith('-')) { $candidates = $options }");
        text.AppendLine("    elseif ($option.Count -eq 0) { $candidates = $targets }");
        text.AppendLine("    elseif ($values.ContainsKey($option[0])) { $candidates = $values[$option[0]] }");
        text.AppendLine("    else { return }");
        text.AppendLine("    $candidates | Where-Object { $_ -like \"$wordToComplete*\" } | ForEach-Object {");
        text.AppendLine("        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)");
        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }
}
