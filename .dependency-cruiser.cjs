/** Layer and module boundaries from DESIGN.md, enforced by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'module-front-door',
      comment: 'A module is entered through its index.ts or its contracts/, never its internals.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/contracts/'] },
    },
    {
      name: 'outside-front-door',
      comment: 'Flows, apps and agents use modules through their front door too.',
      severity: 'error',
      from: { path: '^src/(apps|flows|ai)/' },
      to: { path: '^src/modules/[^/]+/', pathNot: ['^src/modules/[^/]+/index\\.ts$', '^src/modules/[^/]+/contracts/'] },
    },
    {
      name: 'kernel-is-pure',
      comment: 'The kernel is shared vocabulary with no dependency on the rest of the code.',
      severity: 'error',
      from: { path: '^src/kernel/' },
      to: { path: '^src/(platform|modules|flows|ai|apps)/' },
    },
    {
      name: 'platform-below-modules',
      comment: 'Dependencies point down: the platform knows no module, flow, agent or app.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(modules|flows|ai|apps)/' },
    },
    {
      name: 'modules-below-apps',
      severity: 'error',
      from: { path: '^src/(modules|flows)/' },
      to: { path: '^src/apps/' },
    },
    {
      name: 'modules-below-flows',
      comment: 'Flows compose modules; a module never reaches up into a flow.',
      severity: 'error',
      from: { path: '^src/modules/' },
      to: { path: '^src/flows/' },
    },
    {
      name: 'ml-is-pure',
      comment: 'The ML library is plain code with no I/O: it knows nothing of the store.',
      severity: 'error',
      from: { path: '^src/ai/ml/' },
      to: { path: '^src/(platform|modules|flows|apps)/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '\\.test\\.ts$' },
  },
};
