# bash completion for colette(1): its commands, their options, the types
# `colette convert -t` takes (asked of colette itself, so a plugin's types
# come too) and file names.  Installed as
# share/bash-completion/completions/colette; needs no bash-completion
# helpers, so `source` alone works.

_colette_targets() {
  local t
  t=$(colette filters --targets 2>/dev/null)
  [ -n "$t" ] || t="letter flat norm text html docx pandoc-json ics json docm dotx dotm"
  printf '%s\n' $t
}

_colette() {
  local cur prev cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  COMPREPLY=()
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
    -*) ;;
    *) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done
  if [ -z "$cmd" ]; then
    COMPREPLY=($(compgen -W "convert render compare filters exit-codes unpack normalize map help --help --version" -- "$cur"))
    return 0
  fi
  case $cmd in
  convert | render)
    case $prev in
    -t | --to | -f | --from)
      if [ "$cmd" = render ] && [ "$prev" != -f ] && [ "$prev" != --from ]; then
        COMPREPLY=($(compgen -W "text html docx pandoc-json ics json letter" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "$(_colette_targets)" -- "$cur"))
      fi
      return 0 ;;
    -l | --lang) COMPREPLY=($(compgen -W "en fr zh" -- "$cur")); return 0 ;;
    --progress) COMPREPLY=($(compgen -W "auto bar lines none" -- "$cur")); return 0 ;;
    -j | --jobs | -w | --width | -O | --option) return 0 ;;
    -o | --output | --log | --files-from) COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
    esac
    if [[ $cur == -* ]]; then
      if [ "$cmd" = render ]; then
        COMPREPLY=($(compgen -W "--lang --to --width --report --from --explain --output --help" -- "$cur"))
      else
        COMPREPLY=($(compgen -W "--to --from --lang --option --output --explain --recursive --files-from --jobs --log --force --progress --quiet --help" -- "$cur"))
      fi
    else
      COMPREPLY=($(compgen -f -- "$cur"))
    fi ;;
  compare)
    case $prev in
    -f | --format) COMPREPLY=($(compgen -W "text json xml html" -- "$cur")); return 0 ;;
    -o | --output) COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
    esac
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--format --output --help" -- "$cur"))
    else
      COMPREPLY=($(compgen -f -- "$cur"))
    fi ;;
  filters) COMPREPLY=($(compgen -W "--targets --help" -- "$cur")) ;;
  help) COMPREPLY=($(compgen -W "convert render compare filters" -- "$cur")) ;;
  *) COMPREPLY=($(compgen -f -- "$cur")) ;;
  esac
  return 0
}

complete -o filenames -F _colette colette
