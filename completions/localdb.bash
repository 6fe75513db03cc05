# bash completion for localdb (zsh: autoload -U bashcompinit && bashcompinit, then source this file).
# Commands, their options, and project names read from $LOCALDB_HOME/runtime, without starting Java.
#
#   source /path/to/localdb/completions/localdb.bash     # in ~/.bashrc or ~/.zshrc
_localdb() {
  local cur prev command home projects
  cur="${COMP_WORDS[COMP_CWORD]}"
  prev="${COMP_WORDS[COMP_CWORD-1]}"
  command="${COMP_WORDS[1]}"
  home="${LOCALDB_HOME:-$HOME/.localdb}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "start stop restart logs forget list ports port doctor dashboard daemon help version serve --help --version" -- "$cur"))
    return
  fi
  case "$prev" in
    --port|--host|--health-path) COMPREPLY=(); return ;;
    --health) COMPREPLY=($(compgen -W "http tcp" -- "$cur")); return ;;
    --command) COMPREPLY=($(compgen -c -- "$cur")); return ;;
  esac
  if [[ "$cur" == -* ]]; then
    case "$command" in
      start|restart) COMPREPLY=($(compgen -W "--port --command --host --health --health-path --no-browser --help" -- "$cur")) ;;
      ports) COMPREPLY=($(compgen -W "--cleanup --json --help" -- "$cur")) ;;
      list|doctor) COMPREPLY=($(compgen -W "--json --help" -- "$cur")) ;;
      dashboard) COMPREPLY=($(compgen -W "--no-browser --help" -- "$cur")) ;;
      logs) COMPREPLY=($(compgen -W "--lines --follow --all --help" -- "$cur")) ;;
      *) COMPREPLY=($(compgen -W "--help" -- "$cur")) ;;
    esac
    return
  fi
  case "$command" in
    start|restart|stop|port|forget|logs)
      # runtime/<project>/ directories that hold more than a lock: projects LocalDB knows
      projects=""
      local dir
      for dir in "$home"/runtime/*/.studio; do
        [ -d "$dir" ] || continue
        if [ -n "$(find "$dir" -mindepth 1 -maxdepth 1 ! -name .lock -print -quit 2>/dev/null)" ]; then
          projects="$projects $(basename "$(dirname "$dir")")"
        fi
      done
      [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "$projects" -- "$cur"))
      ;;
    help)
      [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "start stop restart logs forget list ports port doctor dashboard daemon help version serve" -- "$cur"))
      ;;
    daemon)
      [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W "status stop restart" -- "$cur"))
      ;;
  esac
}
complete -F _localdb localdb
