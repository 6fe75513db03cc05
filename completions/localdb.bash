# bash completion for localdb (zsh: autoload -U bashcompinit && bashcompinit, then source this file).
# Commands, every option of each, and project names read from $LOCALDB_HOME/runtime, without
# starting Java. CompletionScriptTests checks the options against the commands' declarations.
#
#   source /path/to/localdb/completions/localdb.bash     # in ~/.bashrc or ~/.zshrc

# the options of each command; 'daemon status' is a command of two words
_localdb_options() {
  case "$1" in
    start) echo "--port --command --host --health --health-path --restart --no-port-flag --env --env-file --instances --ports --no-browser --json --help" ;;
    restart) echo "--port --command --host --health --health-path --restart --no-port-flag --env --env-file --grace --instances --ports --no-browser --json --help" ;;
    stop) echo "--grace --json --help" ;;
    dashboard) echo "--no-browser --help" ;;
    open) echo "--no-browser --json --help" ;;
    logs) echo "-n --lines -f --follow --all --instance --help" ;;
    list|doctor|env|forget|scale|port|unshare|"daemon status") echo "--json --help" ;;
    up|down) echo "-f --file --json --help" ;;
    ports) echo "--cleanup --json --help" ;;
    share) echo "--via --remote-port --identity --auth --accept-new-host --keep --follow --json --help" ;;
    *) echo "--help" ;;
  esac
}

_localdb() {
  local cur prev command at home projects i word
  local commands="start stop restart scale logs forget list ports port env exec open share unshare up down doctor dashboard daemon help version serve"
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  home="${LOCALDB_HOME:-$HOME/.localdb}"
  # the command is the first word that is not --no-daemon (which goes anywhere); at: where it is
  command=""
  at=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="${COMP_WORDS[i]}"
    if [ "$word" != "--no-daemon" ]; then
      command="$word"
      at=$i
      break
    fi
  done
  if [ -z "$command" ]; then
    if [[ "$cur" == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version --no-daemon" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    fi
    return
  fi
  if [ "$command" = "daemon" ] && [ $((at + 1)) -lt "$COMP_CWORD" ]; then
    command="daemon ${COMP_WORDS[at+1]}"
    at=$((at + 1))
  fi
  case "$prev" in
    --port|--host|--health-path|--lines|-n|--grace|--instances|--instance|--ports|--via|--remote-port|--auth) COMPREPLY=(); return ;;
    --identity) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --health) COMPREPLY=($(compgen -W "http tcp" -- "$cur")); return ;;
    --restart) COMPREPLY=($(compgen -W "always on-failure no" -- "$cur")); return ;;
    --command) COMPREPLY=($(compgen -c -- "$cur")); return ;;
    --env) COMPREPLY=(); return ;;
    --env-file|--file|-f) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --) [ "$command" = exec ] && COMPREPLY=($(compgen -c -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$(_localdb_options "$command") --no-daemon" -- "$cur"))
    return
  fi
  # the position among the command's own words: 1 is its first argument
  local position=$((COMP_CWORD - at))
  for ((i = at + 1; i < COMP_CWORD; i++)); do
    [ "${COMP_WORDS[i]}" = "--no-daemon" ] && position=$((position - 1))
  done
  case "$command" in
    start|restart|scale|stop|port|forget|logs|env|exec|open|share|unshare)
      # runtime/<project>/ directories that hold more than a lock: projects LocalDB knows
      projects=""
      local dir
      for dir in "$home"/runtime/*/.studio; do
        [ -d "$dir" ] || continue
        if [ -n "$(find "$dir" -mindepth 1 -maxdepth 1 ! -name .lock -print -quit 2>/dev/null)" ]; then
          projects="$projects $(basename "$(dirname "$dir")")"
        fi
      done
      [ "$position" -eq 1 ] && COMPREPLY=($(compgen -W "$projects" -- "$cur"))
      ;;
    help)
      [ "$position" -eq 1 ] && COMPREPLY=($(compgen -W "$commands" -- "$cur"))
      ;;
    daemon)
      [ "$position" -eq 1 ] && COMPREPLY=($(compgen -W "status stop restart install uninstall" -- "$cur"))
      ;;
  esac
}
complete -F _localdb localdb
