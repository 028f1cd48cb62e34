# Bash completion for tdm. Source it from ~/.bashrc (". /path/to/tdm.bash"), or copy it to
# /usr/share/bash-completion/completions/tdm. The tdm binary answers itself: System.CommandLine's [suggest]
# directive prints the commands, options and option values (--temporal swcfa|first|off ...) that fit the word
# under the cursor, so the completions never disagree with the binary. Words it has nothing for (INPUT, paths)
# fall back to file names.

_tdm_complete() {
    local line IFS=' '
    # The command line up to the cursor: bash's own copy when it has one, else the words (as a test sets them).
    if [[ -n "${COMP_LINE-}" && -n "${COMP_POINT-}" ]]; then
        line="${COMP_LINE:0:COMP_POINT}"
    else
        line="${COMP_WORDS[*]:0:COMP_CWORD+1}"
    fi
    # The word being completed ('' right after '--opt=', which bash splits off as a word of its own).
    local cur="${COMP_WORDS[COMP_CWORD]-}" word
    [[ "$cur" == "=" ]] && cur=""
    # The binary as typed (tdm on PATH, or a path to it) prints one completion a line. It also offers words that
    # merely contain the typed text; bash wants those that start with it.
    COMPREPLY=()
    while IFS= read -r word; do
        [[ "$word" == "$cur"* ]] && COMPREPLY+=("$word")
    done < <(command "${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)
}

complete -o default -o bashdefault -F _tdm_complete tdm
