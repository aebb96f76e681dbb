;;; dockwise-eglot.el --- dockwise with eglot  -*- lexical-binding: t; -*-
;; Load it (or paste it into your init file). Needs eglot (built in since Emacs 29; the
;; `eglot' package from GNU ELPA, or Debian's elpa-eglot, on Emacs 28), dockerfile-mode, and
;; yaml-mode for Compose files; `dockwise' on `exec-path'.

(require 'yaml-mode)

;; Compose files get their own mode (YAML underneath) so that eglot sends languageId
;; "dockercompose" for them and leaves other YAML files alone.
(define-derived-mode dockwise-compose-mode yaml-mode "Compose"
  "YAML mode for Docker Compose files, served by dockwise.")
(add-to-list 'auto-mode-alist
             '("/\\(?:docker-\\)?compose[^/]*\\.ya?ml\\'" . dockwise-compose-mode))
(add-to-list 'auto-mode-alist
             '("/\\(?:[^/]*\\.\\)?\\(?:Dockerfile\\|Containerfile\\)\\(?:\\.[^/]*\\)?\\'" . dockerfile-mode))

;; Two entries, so two server processes: eglot before 1.10 (Emacs 28's elpa-eglot 1.9) sends
;; one languageId per server, the first mode's.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(((dockwise-compose-mode :language-id "dockercompose")
                  (docker-compose-mode :language-id "dockercompose"))
                 . ("dockwise" "lsp")))
  (add-to-list 'eglot-server-programs
               '(((dockerfile-mode :language-id "dockerfile")
                  (dockerfile-ts-mode :language-id "dockerfile"))
                 . ("dockwise" "lsp"))))

;; Rule settings, sent with workspace/configuration (section "dockwise"), e.g.:
;; (setq-default eglot-workspace-configuration
;;               '(:dockwise (:rules (:instruction-casing "off"))))

(add-hook 'dockerfile-mode-hook #'eglot-ensure)
(add-hook 'dockwise-compose-mode-hook #'eglot-ensure)

(provide 'dockwise-eglot)
;;; dockwise-eglot.el ends here
