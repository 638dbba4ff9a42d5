// Stylesheets imported by components: nothing to load in jsdom.
export default {};
